import "server-only";
import { dispatchAlerts } from "@/lib/alerts/dispatch-alerts";
import { raiseHealthAlerts } from "@/lib/alerts/raise-health-alerts";
import type { Db, Tx } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { observeAttempts } from "@/lib/metrics/observe";
import {
  nextEndpointHealth,
  type AttemptTrigger,
  type DeliveryDecision,
  type DeliveryStatus,
  type EndpointHealth,
} from "./delivery-decision";
import { describeFailure } from "./send-delivery";
import type { WebhookRequestResult } from "./send-webhook-request";

/** One attempt made, and what decideAttempt made of it. */
export type AttemptRecord = {
  deliveryId: string;
  attemptNumber: number;
  trigger: AttemptTrigger;
  url: string;
  result: WebhookRequestResult;
  decision: DeliveryDecision;
};

export type HealthChange = { endpointId: string; before: EndpointHealth; after: EndpointHealth };
export type RecordedAttempts = { statuses: Map<string, DeliveryStatus>; health: HealthChange | null };

/**
 * Records a batch of attempts to one endpoint, in the order they finished: one attempt row each,
 * each delivery's new state, and the endpoint's health, all in one statement. `knownFailures` is
 * the endpoint's count of consecutive failed deliveries as last read: when every attempt
 * succeeded and that count was 0, the endpoint's row is not touched, so a healthy endpoint's
 * deliveries never queue on its lock. Otherwise the row is locked, its next health decided by
 * nextEndpointHealth, and written, with the alerts a health transition raises (lib/alerts/),
 * whose events and emails go out after commit.
 */
export async function recordAttempts(
  db: Db,
  endpointId: string,
  knownFailures: number,
  records: AttemptRecord[],
): Promise<RecordedAttempts> {
  if (records.length === 0) return { statuses: new Map(), health: null };
  const recorded = await writeAttemptsAndHealth(db, endpointId, knownFailures, records);
  observeAttempts(records, recorded.statuses);
  return recorded;
}

async function writeAttemptsAndHealth(
  db: Db,
  endpointId: string,
  knownFailures: number,
  records: AttemptRecord[],
): Promise<RecordedAttempts> {
  const effects = records.map((r) => r.decision.health);
  if (knownFailures === 0 && effects.every((e) => e === null || e === "reset")) {
    return { statuses: await writeAttempts(db, records, Prisma.empty), health: null };
  }
  const { recorded, alerts } = await db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<
      { consecutive_failures: number; enabled: boolean; disabled_reason: string | null }[]
    >`
      SELECT consecutive_failures, enabled, disabled_reason FROM webhook_endpoints WHERE id = ${endpointId}::uuid
      -- Not FOR UPDATE: emits hold FOR KEY SHARE on the endpoints they fan out to, which this must not wait for.
      FOR NO KEY UPDATE`;
    if (!row)
      return { recorded: { statuses: await writeAttempts(tx, records, Prisma.empty), health: null }, alerts: null };
    const before: EndpointHealth = {
      consecutiveFailures: row.consecutive_failures,
      enabled: row.enabled,
      disabledReason: row.disabled_reason,
    };
    const after = nextEndpointHealth(before, effects);
    const endpoint = Prisma.sql`, endpoint AS (
      UPDATE webhook_endpoints SET consecutive_failures = ${after.consecutiveFailures}::int, enabled = ${after.enabled},
        disabled_reason = ${after.disabledReason}, disabled_at = CASE WHEN ${after.disabledNow !== null} THEN now() ELSE disabled_at END,
        updated_at = now()
      WHERE id = ${endpointId}::uuid
    )`;
    const statuses = await writeAttempts(tx, records, endpoint);
    const health: EndpointHealth = {
      consecutiveFailures: after.consecutiveFailures,
      enabled: after.enabled,
      disabledReason: after.disabledReason,
    };
    const changed = health.consecutiveFailures !== before.consecutiveFailures || health.enabled !== before.enabled;
    if (!changed) return { recorded: { statuses, health: null }, alerts: null };
    const transition = {
      before,
      after: health,
      disabledNow: after.disabledNow,
      exhausted: records.some((r) => r.decision.exhausted),
    };
    return {
      recorded: { statuses, health: { endpointId, before, after: health } },
      alerts: await raiseHealthAlerts(tx, endpointId, transition, records),
    };
  });
  if (alerts) await dispatchAlerts(db, alerts);
  return recorded;
}

/**
 * The deliveries' new state and their attempt rows, in one statement. An attempt's request body
 * is its event's payload (what every attempt of a delivery sends), so it is not copied into the
 * row: getDelivery shows it from the event. A status only moves on from pending, except that a
 * manual retry may turn a failed delivery into a succeeded one; so a success is never
 * overwritten. A scheduled attempt gives back the delivery's lease. A delivery deleted meanwhile
 * (its endpoint deleted) gets no attempt row.
 */
async function writeAttempts(
  db: Db | Tx,
  records: AttemptRecord[],
  more: Prisma.Sql,
): Promise<Map<string, DeliveryStatus>> {
  const rows = records.map(({ deliveryId, attemptNumber, trigger, url, result, decision }) => ({
    delivery_id: deliveryId,
    attempt_number: attemptNumber,
    trigger,
    started_at: result.startedAt.toISOString(),
    duration_ms: Math.round(result.durationMs),
    url,
    request_headers: result.requestHeaders,
    succeeded: result.ok,
    response_status: result.status ?? null,
    response_headers: result.responseHeaders ?? null,
    response_body: result.responseBody ?? null,
    response_truncated: result.responseTruncated ?? false,
    error_kind: result.error?.kind ?? null,
    error_message: result.error?.message ?? null,
    last_error: describeFailure(result),
    status: decision.status,
    scheduled_attempts: decision.scheduledAttempts,
    retry_in_ms: decision.retryInMs,
  }));
  const updated = await db.$queryRaw<{ id: string; status: DeliveryStatus }[]>`
    WITH r AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(
        delivery_id uuid, attempt_number int, trigger text, started_at timestamptz, duration_ms int, url text,
        request_headers jsonb, succeeded boolean, response_status int, response_headers jsonb, response_body text,
        response_truncated boolean, error_kind text, error_message text, last_error text, status text,
        scheduled_attempts int, retry_in_ms float8)
    ), updated AS (
      UPDATE webhook_deliveries d SET
        status = CASE WHEN d.status = 'pending' OR (d.status = 'failed' AND r.trigger = 'manual')
                      THEN coalesce(r.status::"DeliveryStatus", d.status) ELSE d.status END,
        scheduled_attempts = coalesce(r.scheduled_attempts, d.scheduled_attempts),
        next_attempt_at = CASE WHEN r.retry_in_ms IS NOT NULL THEN now() + r.retry_in_ms * interval '1 millisecond'
                               ELSE d.next_attempt_at END,
        last_status_code = r.response_status,
        last_error = r.last_error,
        completed_at = CASE WHEN coalesce(r.status, 'pending') <> 'pending' AND d.completed_at IS NULL THEN now() ELSE d.completed_at END,
        lease_owner = CASE WHEN r.trigger = 'scheduled' THEN NULL ELSE d.lease_owner END,
        lease_until = CASE WHEN r.trigger = 'scheduled' THEN NULL ELSE d.lease_until END,
        updated_at = now()
      -- By primary key: the planner takes a function's rows for 100, and would hash the whole table to join them.
      FROM r WHERE d.id = r.delivery_id AND d.id = ANY (${records.map((r) => r.deliveryId)}::uuid[])
      RETURNING d.id, d.status
    ), attempts AS (
      INSERT INTO webhook_delivery_attempts (id, delivery_id, attempt_number, trigger, started_at, duration_ms, url,
        request_headers, succeeded, response_status, response_headers, response_body, response_truncated,
        error_kind, error_message)
      SELECT gen_random_uuid(), r.delivery_id, r.attempt_number, r.trigger, r.started_at, r.duration_ms, r.url,
        r.request_headers, r.succeeded, r.response_status, r.response_headers, r.response_body,
        r.response_truncated, r.error_kind, r.error_message
      FROM r JOIN updated u ON u.id = r.delivery_id
    )${more}
    SELECT id::text, status::text AS status FROM updated`;
  return new Map(updated.map((u) => [u.id, u.status]));
}
