import "server-only";
import { observeFailedDeliveries } from "@/lib/metrics/observe";
import type { Db } from "@/lib/db/client";
import type { OutgoingDelivery } from "./send-delivery";

export type EndpointState = {
  id: string;
  url: string;
  enabled: boolean;
  disabledReason: string | null;
  consecutiveFailures: number;
  secretEncrypted: string;
  previousSecretEncrypted: string | null;
  previousSecretExpiresAt: Date | null;
  /** Sealed (see endpoint-headers.ts). */
  customHeaders: unknown;
  rateLimitPerSecond: number | null;
};

export type ClaimedDelivery = OutgoingDelivery & { eventId: string; attemptNumber: number; scheduledAttempts: number };

export type Claim = {
  /** The lane's wakes, or null when this run no longer holds the lane. */
  wakes: bigint | null;
  /** Null when the endpoint no longer exists. */
  endpoint: EndpointState | null;
  deliveries: ClaimedDelivery[];
};

type Row = {
  wakes: bigint | null;
  id: string;
  url: string;
  enabled: boolean;
  disabled_reason: string | null;
  consecutive_failures: number;
  secret_encrypted: string;
  previous_secret_encrypted: string | null;
  previous_secret_expires_at: Date | null;
  custom_headers: unknown;
  rate_limit_per_second: number | null;
  delivery_id: string | null;
  event_id: string | null;
  event_type: string | null;
  payload: string | null;
  attempt_count: number | null;
  scheduled_attempts: number | null;
};

/**
 * In one statement: reads the lane's wakes (renewing the run's hold on it once half its lease is
 * spent), reads the endpoint as it is now, and leases up to `limit` of its due deliveries to the
 * run, reserving each one's attempt number. The wakes and the deliveries are read in one
 * snapshot: a hand-over bumps wakes after its deliveries commit, so wakes that show a hand-over
 * come with its deliveries.
 * Due means pending with `next_attempt_at` at or before now (or `dueBy`, the time a sleeping run
 * woke up for) and not leased to anyone else. Nothing is claimed when the run lost the lane or
 * the endpoint is disabled.
 */
export async function claimDueDeliveries(
  db: Db,
  input: { endpointId: string; runId: string; limit: number; dueBy: Date | null; leaseMs: number; laneLeaseMs: number },
): Promise<Claim> {
  const { endpointId, runId } = input;
  const rows = await db.$queryRaw<Row[]>`
    WITH lane AS (
      SELECT wakes FROM webhook_endpoint_lanes WHERE endpoint_id = ${endpointId}::uuid AND holder = ${runId}
    ), renewed AS (
      -- Only once half the lease is spent: hand-overs bump this row all through a burst, and each
      -- write would wait for theirs (and they for it).
      UPDATE webhook_endpoint_lanes SET lease_until = now() + make_interval(secs => ${input.laneLeaseMs / 1000})
      WHERE endpoint_id = ${endpointId}::uuid AND holder = ${runId}
        AND lease_until < now() + make_interval(secs => ${input.laneLeaseMs / 2000})
    ), ep AS (
      SELECT id, url, enabled, disabled_reason, consecutive_failures, secret_encrypted, previous_secret_encrypted,
             previous_secret_expires_at, custom_headers, rate_limit_per_second
      FROM webhook_endpoints WHERE id = ${endpointId}::uuid
    ), picked AS (
      SELECT d.id FROM webhook_deliveries d
      WHERE d.endpoint_id = ${endpointId}::uuid AND d.status = 'pending'
        AND d.next_attempt_at <= greatest(now(), ${input.dueBy}::timestamptz)
        AND (d.lease_until IS NULL OR d.lease_until < now())
        AND EXISTS (SELECT 1 FROM lane) AND (SELECT enabled FROM ep)
      ORDER BY d.next_attempt_at
      -- A rate-limited endpoint: at most one second's worth at a time (its slots are reserved next).
      LIMIT least(${input.limit}::int, coalesce((SELECT rate_limit_per_second FROM ep), ${input.limit}::int))
      FOR UPDATE SKIP LOCKED
    ), claimed AS (
      UPDATE webhook_deliveries d SET lease_owner = ${runId}, lease_until = now() + make_interval(secs => ${input.leaseMs / 1000}),
        attempt_count = d.attempt_count + 1, updated_at = now()
      FROM picked WHERE d.id = picked.id
      RETURNING d.id, d.event_id, d.event_type, d.attempt_count, d.scheduled_attempts
    )
    SELECT (SELECT wakes FROM lane) AS wakes, ep.id::text, ep.url, ep.enabled, ep.disabled_reason, ep.consecutive_failures,
           ep.secret_encrypted, ep.previous_secret_encrypted, ep.previous_secret_expires_at, ep.custom_headers,
           ep.rate_limit_per_second, c.id::text AS delivery_id, c.event_id::text, c.event_type, ev.payload, c.attempt_count, c.scheduled_attempts
    FROM ep LEFT JOIN (claimed c JOIN webhook_events ev ON ev.id = c.event_id) ON true`;
  const first = rows[0];
  if (!first) return { wakes: null, endpoint: null, deliveries: [] };
  return {
    wakes: first.wakes,
    endpoint: {
      id: first.id,
      url: first.url,
      enabled: first.enabled,
      disabledReason: first.disabled_reason,
      consecutiveFailures: first.consecutive_failures,
      secretEncrypted: first.secret_encrypted,
      previousSecretEncrypted: first.previous_secret_encrypted,
      previousSecretExpiresAt: first.previous_secret_expires_at,
      customHeaders: first.custom_headers,
      rateLimitPerSecond: first.rate_limit_per_second,
    },
    deliveries: rows
      .filter((r) => r.delivery_id !== null)
      .map((r) => ({
        id: r.delivery_id!,
        eventId: r.event_id!,
        eventType: r.event_type!,
        payload: r.payload!,
        attemptNumber: r.attempt_count!,
        scheduledAttempts: r.scheduled_attempts!,
      })),
  };
}

/**
 * A disabled endpoint's pending deliveries fail, saying why (those no other run has in hand); an
 * owner can recover them once it works.
 */
export async function failDeliveriesOfDisabledEndpoint(
  db: Db,
  endpointId: string,
  runId: string,
  reason: string | null,
): Promise<number> {
  const failed = await db.$executeRaw`
    UPDATE webhook_deliveries SET status = 'failed', last_error = ${`Endpoint disabled: ${reason ?? "by an owner"}`},
      completed_at = now(), lease_owner = NULL, lease_until = NULL, updated_at = now()
    WHERE endpoint_id = ${endpointId}::uuid AND status = 'pending'
      AND (lease_owner = ${runId} OR lease_until IS NULL OR lease_until < now())`;
  observeFailedDeliveries(failed);
  return failed;
}
