import "server-only";
import type { Db } from "@/lib/db/client";
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

type DeliveryRow = {
  status: AttemptOutcome["status"];
  is_test: boolean;
  endpoint_id: string;
  url: string;
  enabled: boolean;
  disabled_reason: string | null;
  secret_encrypted: string;
  previous_secret_encrypted: string | null;
  previous_secret_expires_at: Date | null;
  event_type: string;
  payload: string;
  /** The attempt this step already made (scheduled attempts re-run after a crash). */
  prev_attempt_number: number | null;
  prev_succeeded: boolean | null;
  prev_response_status: number | null;
  prev_duration_ms: number | null;
  prev_error_kind: string | null;
  prev_error_message: string | null;
  prev_response_body: string | null;
};

const GONE_REASON = "The endpoint answered 410 Gone, which means it no longer accepts webhooks.";
const AUTO_DISABLE_REASON = `Disabled after ${AUTO_DISABLE_AFTER} consecutive failed deliveries. Fix the endpoint, then enable it again.`;

/**
 * One HTTP attempt of a delivery, recorded as one DeliveryAttempt row, with the delivery's
 * status and the endpoint's health updated in the same statement. Two round trips: load and
 * reserve the attempt number, then record.
 */
export async function attemptDelivery(db: Db, deliveryId: string, options: AttemptOptions): Promise<AttemptOutcome> {
  const stepKey = options.stepKey ?? null;
  // Loads the delivery and, when this call is to send, reserves the attempt number in the same
  // statement, so a manual retry racing a scheduled one never collides. The conditions under
  // `reserve` are the ones checked below, in the same order.
  const [delivery] = await db.$queryRaw<(DeliveryRow & { attempt_number: number | null })[]>`
    WITH d AS (
      SELECT d.status::text AS status, d.is_test, e.id::text AS endpoint_id, e.url, e.enabled, e.disabled_reason,
             e.secret_encrypted, e.previous_secret_encrypted, e.previous_secret_expires_at, ev.type AS event_type, ev.payload,
             a.attempt_number AS prev_attempt_number, a.succeeded AS prev_succeeded, a.response_status AS prev_response_status,
             a.duration_ms AS prev_duration_ms, a.error_kind AS prev_error_kind, a.error_message AS prev_error_message, a.response_body AS prev_response_body
      FROM webhook_deliveries d
      JOIN webhook_endpoints e ON e.id = d.endpoint_id
      JOIN webhook_events ev ON ev.id = d.event_id
      LEFT JOIN webhook_delivery_attempts a ON a.delivery_id = d.id AND a.step_key = ${stepKey}::text
      WHERE d.id = ${deliveryId}::uuid
    ), reserve AS (
      UPDATE webhook_deliveries SET attempt_count = attempt_count + 1, updated_at = now()
      WHERE id = ${deliveryId}::uuid
        AND (SELECT d.prev_attempt_number IS NULL AND (${options.trigger}::text <> 'scheduled' OR (d.status = 'pending' AND d.enabled)) FROM d)
      RETURNING attempt_count
    )
    SELECT d.*, reserve.attempt_count AS attempt_number FROM d LEFT JOIN reserve ON true`;
  if (!delivery) return skipped("failed");
  if (delivery.prev_attempt_number !== null) return previousOutcome(delivery);
  if (options.trigger === "scheduled" && delivery.status !== "pending") return skipped(delivery.status);
  if (!delivery.enabled && options.trigger === "scheduled") {
    await db.webhookDelivery.update({
      where: { id: deliveryId },
      data: {
        status: "failed",
        lastError: `Endpoint disabled: ${delivery.disabled_reason ?? "by an owner"}`,
        nextAttemptAt: null,
        completedAt: new Date(),
      },
    });
    return skipped("failed");
  }
  const attemptNumber = delivery.attempt_number;
  if (attemptNumber === null) throw new Error(`delivery ${deliveryId}: the attempt was not reserved`);

  const timestamp = Math.floor(Date.now() / 1000);
  const secrets = signingSecrets({
    secretEncrypted: delivery.secret_encrypted,
    previousSecretEncrypted: delivery.previous_secret_encrypted,
    previousSecretExpiresAt: delivery.previous_secret_expires_at,
  });
  const headers = {
    "X-Empfio-Event": delivery.event_type,
    ...buildSignatureHeaders({ body: delivery.payload, webhookId: deliveryId, timestamp, secrets }),
  };
  const result = await sendWebhookRequest({
    url: delivery.url,
    body: delivery.payload,
    headers,
    timeoutMs: deliveryTimeoutMs(),
    allowInsecure: allowInsecureUrls(),
  });

  const gone = result.status === 410;
  const isLast = options.trigger === "scheduled" && (options.nextDelayMs === null || options.nextDelayMs === undefined);
  const status = result.ok ? "succeeded" : gone || isLast || options.trigger === "test" ? "failed" : null;
  // Endpoint health: a success resets the count, 410 disables, a failed delivery counts (and
  // disables at AUTO_DISABLE_AFTER). Test pings never change it.
  const health = delivery.is_test ? null : result.ok ? "reset" : gone ? "gone" : status === "failed" ? "count" : null;
  // A success always wins; a failure never overwrites a success from a concurrent retry.
  const [row] = await db.$queryRaw<{ status: AttemptOutcome["status"] }[]>`
    WITH attempt AS (
      INSERT INTO webhook_delivery_attempts (id, delivery_id, attempt_number, trigger, step_key, started_at, duration_ms, url,
        request_headers, request_body, succeeded, response_status, response_headers, response_body, response_truncated, error_kind, error_message)
      VALUES (gen_random_uuid(), ${deliveryId}::uuid, ${attemptNumber}::int, ${options.trigger}::text, ${stepKey}::text,
        ${result.startedAt}::timestamptz, ${Math.round(result.durationMs)}::int, ${delivery.url}::text, ${JSON.stringify(result.requestHeaders)}::jsonb,
        ${delivery.payload}::text, ${result.ok}::boolean, ${result.status ?? null}::int,
        ${result.responseHeaders ? JSON.stringify(result.responseHeaders) : null}::jsonb, ${result.responseBody ?? null}::text,
        ${result.responseTruncated ?? false}::boolean, ${result.error?.kind ?? null}::text, ${result.error?.message ?? null}::text)
    ), endpoint AS (
      UPDATE webhook_endpoints SET
        consecutive_failures = CASE ${health}::text WHEN 'reset' THEN 0 WHEN 'count' THEN consecutive_failures + 1 ELSE consecutive_failures END,
        enabled = enabled AND NOT (${health}::text = 'gone' OR (${health}::text = 'count' AND consecutive_failures + 1 >= ${AUTO_DISABLE_AFTER}::int)),
        disabled_reason = CASE
          WHEN ${health}::text = 'gone' THEN ${GONE_REASON}::text
          WHEN enabled AND ${health}::text = 'count' AND consecutive_failures + 1 >= ${AUTO_DISABLE_AFTER}::int THEN ${AUTO_DISABLE_REASON}::text
          ELSE disabled_reason END,
        disabled_at = CASE
          WHEN ${health}::text = 'gone' OR (enabled AND ${health}::text = 'count' AND consecutive_failures + 1 >= ${AUTO_DISABLE_AFTER}::int) THEN now()
          ELSE disabled_at END,
        updated_at = now()
      -- A success on a healthy endpoint changes nothing: skipping it keeps concurrent deliveries
      -- to one endpoint from queueing on its row lock.
      WHERE id = ${delivery.endpoint_id}::uuid AND ${health}::text IS NOT NULL AND NOT (${health}::text = 'reset' AND consecutive_failures = 0)
    )
    UPDATE webhook_deliveries SET
      status = CASE WHEN status = 'succeeded' THEN status ELSE COALESCE(${status}::"DeliveryStatus", status) END,
      last_status_code = ${result.status ?? null}::int,
      last_error = ${describeFailure(result)}::text,
      next_attempt_at = CASE WHEN ${status}::text IS NULL AND ${options.trigger}::text = 'scheduled' THEN now() + make_interval(secs => ${(options.nextDelayMs ?? 0) / 1000}::float8) ELSE next_attempt_at END,
      completed_at = CASE WHEN ${status}::text IS NOT NULL AND completed_at IS NULL THEN now() ELSE completed_at END,
      updated_at = now()
    WHERE id = ${deliveryId}::uuid RETURNING status::text AS status`;
  return {
    done: row.status !== "pending",
    status: row.status,
    attemptNumber,
    succeeded: result.ok,
    responseStatus: result.status ?? null,
    durationMs: Math.round(result.durationMs),
    error: result.error ?? null,
    responseBody: result.responseBody ?? null,
  };
}

function describeFailure(result: WebhookRequestResult): string | null {
  if (result.ok) return null;
  if (result.error) return result.error.message;
  return `HTTP ${result.status}`;
}

function skipped(status: AttemptOutcome["status"]): AttemptOutcome {
  return {
    done: true,
    status,
    attemptNumber: null,
    succeeded: status === "succeeded",
    responseStatus: null,
    durationMs: 0,
    error: null,
    responseBody: null,
  };
}

function previousOutcome(d: DeliveryRow): AttemptOutcome {
  return {
    done: d.status !== "pending",
    status: d.status,
    attemptNumber: d.prev_attempt_number,
    succeeded: d.prev_succeeded ?? false,
    responseStatus: d.prev_response_status,
    durationMs: d.prev_duration_ms ?? 0,
    error: d.prev_error_kind ? { kind: d.prev_error_kind, message: d.prev_error_message ?? "" } : null,
    responseBody: d.prev_response_body,
  };
}
