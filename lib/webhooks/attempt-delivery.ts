import "server-only";
import type { Db } from "@/lib/db/client";
import { decideAttempt, type DeliveryStatus } from "./delivery-decision";
import { retrySchedule, withJitter } from "./delivery-settings";
import { openHeaders } from "./endpoint-headers";
import { signingSecrets } from "./endpoint-secrets";
import { recordAttempts } from "./record-attempts";
import { sendDelivery } from "./send-delivery";

export type AttemptOutcome = {
  status: DeliveryStatus;
  attemptNumber: number | null;
  succeeded: boolean;
  responseStatus: number | null;
  durationMs: number;
  error: { kind: string; message: string } | null;
  responseBody: string | null;
};

type Row = {
  status: DeliveryStatus;
  endpoint_id: string;
  url: string;
  consecutive_failures: number;
  secret_encrypted: string;
  previous_secret_encrypted: string | null;
  previous_secret_expires_at: Date | null;
  custom_headers: unknown;
  event_type: string;
  payload: string;
  attempt_number: number;
};

/**
 * One attempt outside the schedule, now, in the caller's request: "Retry now" (`manual`: a
 * success ends the delivery, a failure leaves its schedule as it was) or a test ping (`test`).
 * It goes out even while the endpoint is disabled, so an owner can check a fix before enabling
 * it. Recorded like any attempt; its number is reserved as the delivery is read, so it never
 * collides with a scheduled attempt running at the same moment.
 */
export async function attemptDelivery(
  db: Db,
  deliveryId: string,
  trigger: "manual" | "test",
): Promise<AttemptOutcome | null> {
  const [row] = await db.$queryRaw<Row[]>`
    WITH reserved AS (
      UPDATE webhook_deliveries SET attempt_count = attempt_count + 1, updated_at = now()
      WHERE id = ${deliveryId}::uuid RETURNING endpoint_id, event_id, attempt_count
    )
    SELECT d.status::text AS status, r.endpoint_id::text AS endpoint_id, e.url, e.consecutive_failures, e.secret_encrypted, e.previous_secret_encrypted,
           e.previous_secret_expires_at, e.custom_headers, ev.type AS event_type, ev.payload, r.attempt_count AS attempt_number
    FROM reserved r JOIN webhook_deliveries d ON d.id = ${deliveryId}::uuid
    JOIN webhook_endpoints e ON e.id = r.endpoint_id JOIN webhook_events ev ON ev.id = r.event_id`;
  if (!row) return null;
  const result = await sendDelivery(
    row.url,
    signingSecrets({
      secretEncrypted: row.secret_encrypted,
      previousSecretEncrypted: row.previous_secret_encrypted,
      previousSecretExpiresAt: row.previous_secret_expires_at,
    }),
    { id: deliveryId, eventType: row.event_type, payload: row.payload },
    openHeaders(row.custom_headers),
  );
  const decision = decideAttempt({
    trigger,
    scheduledAttemptsBefore: 0,
    result: { ok: result.ok, status: result.status ?? null },
    schedule: retrySchedule(),
    jitter: withJitter,
  });
  const { statuses } = await recordAttempts(db, row.endpoint_id, row.consecutive_failures, [
    { deliveryId, attemptNumber: row.attempt_number, trigger, url: row.url, result, decision },
  ]);
  return {
    status: statuses.get(deliveryId) ?? row.status,
    attemptNumber: row.attempt_number,
    succeeded: result.ok,
    responseStatus: result.status ?? null,
    durationMs: Math.round(result.durationMs),
    error: result.error ?? null,
    responseBody: result.responseBody ?? null,
  };
}
