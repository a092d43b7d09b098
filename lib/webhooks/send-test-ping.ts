import "server-only";
import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { attemptDelivery } from "./attempt-delivery";
import { deliveryTimeoutMs } from "./delivery-settings";
import { serializeEnvelope } from "./envelope";
import { failureAdvice } from "./failure-advice";

export type PingResult = {
  ok: boolean;
  delivery_id: string;
  status_code: number | null;
  latency_ms: number;
  error: { kind: string; message: string } | null;
  response_excerpt: string | null;
  advice: string | null;
};

/**
 * Posts a signed `webhook.test` event to one endpoint, now, and reports what happened. It is
 * logged like any delivery (event, delivery, one attempt) but never retried.
 */
export async function sendTestPing(db: Db, endpoint: { id: string; organizationId: string }): Promise<PingResult> {
  const occurredAt = new Date();
  const eventId = randomUUID();
  const payload = serializeEnvelope({
    event: "webhook.test",
    timestamp: occurredAt,
    organizationId: endpoint.organizationId,
    data: {
      message: "This is a test ping from Empfio. Reply with any 2xx to confirm your endpoint works.",
      endpoint_id: endpoint.id,
    },
  });
  const delivery = await db.$transaction(async (tx) => {
    // No due time: a ping goes straight out from this request, never through a delivery run.
    await tx.webhookEvent.create({
      data: {
        id: eventId,
        organizationId: endpoint.organizationId,
        type: "webhook.test",
        payload,
        occurredAt,
        endpointId: endpoint.id,
      },
    });
    return tx.webhookDelivery.create({
      data: {
        organizationId: endpoint.organizationId,
        eventId,
        endpointId: endpoint.id,
        eventType: "webhook.test",
        isTest: true,
      },
    });
  });
  const outcome = await attemptDelivery(db, delivery.id, "test");
  if (!outcome) throw new Error(`test ping ${delivery.id} vanished before its attempt`);
  return {
    ok: outcome.succeeded,
    delivery_id: delivery.id,
    status_code: outcome.responseStatus,
    latency_ms: outcome.durationMs,
    error: outcome.error,
    response_excerpt: outcome.responseBody ? outcome.responseBody.slice(0, 500) : null,
    advice: outcome.succeeded
      ? null
      : failureAdvice({
          responseStatus: outcome.responseStatus,
          errorKind: outcome.error?.kind ?? null,
          timeoutMs: deliveryTimeoutMs(),
        }),
  };
}
