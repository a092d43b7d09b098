import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { AUTO_DISABLE_AFTER, allowInsecureUrls, deliveryTimeoutMs } from "./delivery-settings";
import { signingSecrets } from "./endpoint-secrets";
import { sendWebhookRequest, type WebhookRequestResult } from "./send-webhook-request";
import { buildSignatureHeaders } from "./sign-payload";

export type AttemptTrigger = "scheduled" | "manual" | "test";

export type AttemptOutcome = {
  /** No further scheduled attempt: succeeded, failed for good, or no longer ours to retry. */
  done: boolean;
  status: "pending" | "succeeded" | "failed";
  attemptNumber: number | null;
  succeeded: boolean;
  responseStatus: number | null;
  durationMs: number;
  error: { kind: string; message: string } | null;
  responseBody: string | null;
};

type AttemptOptions = {
  trigger: AttemptTrigger;
  /** Scheduled attempts: which step made it, so a re-run after a crash does not send again. */
  stepKey?: string;
  /** Scheduled attempts: the wait before the next one, or null when this is the last. */
  nextDelayMs?: number | null;
};

/**
 * One HTTP attempt of a delivery, recorded as one DeliveryAttempt row, with the delivery's
 * status and the endpoint's health updated in the same transaction.
 */
export async function attemptDelivery(db: Db, deliveryId: string, options: AttemptOptions): Promise<AttemptOutcome> {
  if (options.stepKey) {
    const previous = await db.webhookDeliveryAttempt.findUnique({
      where: { deliveryId_stepKey: { deliveryId, stepKey: options.stepKey } },
      include: { delivery: { select: { status: true } } },
    });
    if (previous) return outcomeOf(previous.delivery.status, previous, previous.delivery.status !== "pending");
  }
  const delivery = await db.webhookDelivery.findUnique({ where: { id: deliveryId }, include: { endpoint: true, event: true } });
  if (!delivery) return skipped("failed");
  if (options.trigger === "scheduled" && delivery.status !== "pending") return skipped(delivery.status);
  const { endpoint, event } = delivery;
  if (!endpoint.enabled && options.trigger === "scheduled") {
    await db.webhookDelivery.update({ where: { id: deliveryId }, data: { status: "failed", lastError: `Endpoint disabled: ${endpoint.disabledReason ?? "by an owner"}`, nextAttemptAt: null, completedAt: new Date() } });
    return skipped("failed");
  }

  // Reserve the attempt number first, so a manual retry racing a scheduled one never collides.
  const [{ attempt_count: attemptNumber }] = await db.$queryRaw<{ attempt_count: number }[]>`
    UPDATE webhook_deliveries SET attempt_count = attempt_count + 1, updated_at = now() WHERE id = ${deliveryId}::uuid RETURNING attempt_count`;
  const timestamp = Math.floor(Date.now() / 1000);
  const headers = {
    "X-Empfio-Event": event.type,
    ...buildSignatureHeaders({ body: event.payload, webhookId: delivery.id, timestamp, secrets: signingSecrets(endpoint) }),
  };
  const result = await sendWebhookRequest({
    url: endpoint.url,
    body: event.payload,
    headers,
    timeoutMs: deliveryTimeoutMs(),
    allowInsecure: allowInsecureUrls(),
  });

  const gone = result.status === 410;
  const isLast = options.trigger === "scheduled" && (options.nextDelayMs === null || options.nextDelayMs === undefined);
  const status = result.ok ? "succeeded" : gone || isLast || options.trigger === "test" ? "failed" : null;
  const finalStatus = await db.$transaction(async (tx) => {
    await tx.webhookDeliveryAttempt.create({
      data: {
        deliveryId,
        attemptNumber,
        trigger: options.trigger,
        stepKey: options.stepKey ?? null,
        startedAt: result.startedAt,
        durationMs: Math.round(result.durationMs),
        url: endpoint.url,
        requestHeaders: result.requestHeaders,
        requestBody: event.payload,
        succeeded: result.ok,
        responseStatus: result.status ?? null,
        responseHeaders: (result.responseHeaders ?? Prisma.DbNull) as Prisma.InputJsonValue,
        responseBody: result.responseBody ?? null,
        responseTruncated: result.responseTruncated ?? false,
        errorKind: result.error?.kind ?? null,
        errorMessage: result.error?.message ?? null,
      },
    });
    // A success always wins; a failure never overwrites a success from a concurrent retry.
    const [row] = await tx.$queryRaw<{ status: "pending" | "succeeded" | "failed" }[]>`
      UPDATE webhook_deliveries SET
        status = CASE WHEN status = 'succeeded' THEN status ELSE COALESCE(${status}::"DeliveryStatus", status) END,
        last_status_code = ${result.status ?? null}::int,
        last_error = ${describeFailure(result)},
        next_attempt_at = CASE WHEN ${status}::text IS NULL AND ${options.trigger} = 'scheduled' THEN now() + make_interval(secs => ${(options.nextDelayMs ?? 0) / 1000}) ELSE next_attempt_at END,
        completed_at = CASE WHEN ${status}::text IS NOT NULL AND completed_at IS NULL THEN now() ELSE completed_at END,
        updated_at = now()
      WHERE id = ${deliveryId}::uuid RETURNING status`;
    if (delivery.isTest) return row.status;
    if (result.ok) {
      await tx.webhookEndpoint.update({ where: { id: endpoint.id }, data: { consecutiveFailures: 0 } });
    } else if (gone) {
      await disable(tx, endpoint.id, "The endpoint answered 410 Gone, which means it no longer accepts webhooks.");
    } else if (status === "failed") {
      const updated = await tx.webhookEndpoint.update({ where: { id: endpoint.id }, data: { consecutiveFailures: { increment: 1 } } });
      if (updated.consecutiveFailures >= AUTO_DISABLE_AFTER && updated.enabled) {
        await disable(tx, endpoint.id, `Disabled after ${AUTO_DISABLE_AFTER} consecutive failed deliveries. Fix the endpoint, then enable it again.`);
      }
    }
    return row.status;
  });
  return {
    done: finalStatus !== "pending",
    status: finalStatus,
    attemptNumber,
    succeeded: result.ok,
    responseStatus: result.status ?? null,
    durationMs: Math.round(result.durationMs),
    error: result.error ?? null,
    responseBody: result.responseBody ?? null,
  };
}

function disable(tx: Prisma.TransactionClient, endpointId: string, reason: string) {
  return tx.webhookEndpoint.update({ where: { id: endpointId }, data: { enabled: false, disabledReason: reason, disabledAt: new Date() } });
}

function describeFailure(result: WebhookRequestResult): string | null {
  if (result.ok) return null;
  if (result.error) return result.error.message;
  return `HTTP ${result.status}`;
}

function skipped(status: AttemptOutcome["status"]): AttemptOutcome {
  return { done: true, status, attemptNumber: null, succeeded: status === "succeeded", responseStatus: null, durationMs: 0, error: null, responseBody: null };
}

type AttemptRow = { attemptNumber: number; succeeded: boolean; responseStatus: number | null; durationMs: number; errorKind: string | null; errorMessage: string | null; responseBody: string | null };

function outcomeOf(status: AttemptOutcome["status"], a: AttemptRow, done: boolean): AttemptOutcome {
  return {
    done,
    status,
    attemptNumber: a.attemptNumber,
    succeeded: a.succeeded,
    responseStatus: a.responseStatus,
    durationMs: a.durationMs,
    error: a.errorKind ? { kind: a.errorKind, message: a.errorMessage ?? "" } : null,
    responseBody: a.responseBody,
  };
}
