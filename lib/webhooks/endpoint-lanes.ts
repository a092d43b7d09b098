import "server-only";
import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";

/*
 * An endpoint's lane says which delivery run drains its pending deliveries (see
 * WebhookEndpointLane in prisma/schema/webhooks.prisma). The rules, each one statement:
 * - a hand-over bumps `wakes` for the endpoints it made deliveries for, and asks for a run only
 *   for lanes nobody holds (it takes them as "wake:<token>" so concurrent hand-overs ask once);
 * - a run acquires a lane that is free, requested, its own, or whose holder's lease lapsed;
 * - a run releases its lane only if `wakes` did not move since it last looked for due deliveries.
 * Correctness never rests on the lane (a delivery's own lease keeps it from being sent twice);
 * the lane keeps the number of runs low and makes sure someone is always on due work.
 */

/** How long a requested run may take to start before the sweep asks again. */
const WAKE_GRACE_SECONDS = 300;

export type LaneRef = { endpointId: string; organizationId: string };

/**
 * After commit: notes new deliveries for these endpoints and returns the lanes that need a run
 * (nobody holds them), now held for that run under `token`.
 */
export async function wakeLanes(db: Db, endpointIds: string[]): Promise<WokenLanes> {
  const token = newWakeToken();
  const rows = await db.$queryRaw<WokenRow[]>`${wakeLanesSql(
    token,
    Prisma.sql`SELECT e.id, e.organization_id FROM webhook_endpoints e WHERE e.id = ANY (${endpointIds}::uuid[])`,
  )}`;
  return { token, idle: idleLanes(rows) };
}

export type WokenLanes = { token: string; idle: LaneRef[] };
/** What `wakeLanesSql` answers for each lane it woke. */
export type WokenRow = { endpoint_id: string; organization_id: string; asked: boolean };

export const newWakeToken = () => `wake:${randomUUID()}`;

/**
 * The wake as one INSERT (usable as a common table expression): bumps the lanes of the endpoints
 * `endpoints` selects (endpoint id, organization id; each once) and takes the free ones under
 * `token`. It answers `WokenRow`s. In the statement that commits the deliveries themselves
 * (lib/inbound/create-lead-once.ts) the wake costs no round trip of its own, and a run letting
 * go of the lane waits for that statement's row lock and then sees `wakes` moved. Lanes are
 * taken in endpoint order, so two statements waking the same lanes wait for each other instead
 * of deadlocking.
 */
export function wakeLanesSql(token: string, endpoints: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO webhook_endpoint_lanes AS l (endpoint_id, organization_id, holder, lease_until, wakes)
    SELECT endpoint.*, ${token}, now() + make_interval(secs => ${WAKE_GRACE_SECONDS}), 1
    FROM (${endpoints}) AS endpoint (id, organization_id) ORDER BY endpoint.id
    ON CONFLICT (endpoint_id) DO UPDATE SET
      wakes = l.wakes + 1,
      holder = CASE WHEN l.holder IS NULL OR l.lease_until < now() THEN EXCLUDED.holder ELSE l.holder END,
      lease_until = CASE WHEN l.holder IS NULL OR l.lease_until < now() THEN EXCLUDED.lease_until ELSE l.lease_until END
    RETURNING endpoint_id::text, organization_id::text, holder = ${token} AS asked`;
}

/** The woken lanes this wake took: nobody held them, so they need a run. */
export function idleLanes(rows: WokenRow[]): LaneRef[] {
  return rows.filter((r) => r.asked).map((r) => ({ endpointId: r.endpoint_id, organizationId: r.organization_id }));
}

/** A run could not be requested: lets the lanes go, so the sweep asks again. */
export async function unwakeLanes(db: Db, token: string): Promise<void> {
  await db.$executeRaw`UPDATE webhook_endpoint_lanes SET holder = NULL, lease_until = NULL WHERE holder = ${token}`;
}

/**
 * Takes the lane for run `runId` for `leaseMs` (free, requested, already its own, or lapsed).
 * Answers the lane's wakes, or null when another run holds it.
 */
export async function acquireLane(db: Db, endpointId: string, runId: string, leaseMs: number): Promise<bigint | null> {
  const [row] = await db.$queryRaw<{ wakes: bigint }[]>`
    INSERT INTO webhook_endpoint_lanes AS l (endpoint_id, organization_id, holder, lease_until)
    SELECT e.id, e.organization_id, ${runId}, now() + make_interval(secs => ${leaseMs / 1000}) FROM webhook_endpoints e WHERE e.id = ${endpointId}::uuid
    ON CONFLICT (endpoint_id) DO UPDATE SET holder = EXCLUDED.holder, lease_until = EXCLUDED.lease_until
    WHERE l.holder IS NULL OR l.holder LIKE 'wake:%' OR l.holder = EXCLUDED.holder OR l.lease_until < now()
    RETURNING wakes`;
  return row ? row.wakes : null;
}

/**
 * Lets the lane go if `wakes` is still what the run last saw. Answers whether it did, and when the
 * endpoint's next pending delivery falls due; `sleep` says this run should wake for it (no other
 * run is already set to wake earlier). `dueBy`: the time this run woke up for, whose timer is spent.
 */
export async function releaseLane(
  db: Db,
  endpointId: string,
  runId: string,
  seenWakes: bigint,
  dueBy: Date | null,
): Promise<{ released: boolean; nextDueAt: Date | null; sleep: boolean }> {
  const [row] = await db.$queryRaw<{ next_at: Date | null; sleep: boolean }[]>`
    WITH next AS (
      SELECT min(greatest(d.next_attempt_at, coalesce(d.lease_until, d.next_attempt_at))) AS at
      FROM webhook_deliveries d WHERE d.endpoint_id = ${endpointId}::uuid AND d.status = 'pending'
    )
    UPDATE webhook_endpoint_lanes l SET holder = NULL, lease_until = NULL,
      timer_at = CASE WHEN next.at IS NOT NULL
                        AND (l.timer_at IS NULL OR l.timer_at <= greatest(now(), ${dueBy}::timestamptz) OR l.timer_at > next.at)
                      THEN next.at ELSE l.timer_at END
    FROM next
    WHERE l.endpoint_id = ${endpointId}::uuid AND l.holder = ${runId} AND l.wakes = ${seenWakes}
    RETURNING next.at AS next_at, next.at IS NOT NULL AND l.timer_at = next.at AS sleep`;
  if (!row) return { released: false, nextDueAt: null, sleep: false };
  return { released: true, nextDueAt: row.next_at, sleep: row.sleep };
}

/** The lane's wakes, if `runId` still holds it (for a run lingering after it caught up). */
export async function laneWakes(db: Db, endpointId: string, runId: string): Promise<bigint | null> {
  const [row] = await db.$queryRaw<{ wakes: bigint }[]>`
    SELECT wakes FROM webhook_endpoint_lanes WHERE endpoint_id = ${endpointId}::uuid AND holder = ${runId}`;
  return row ? row.wakes : null;
}

/** A run that ended for good lets its lane go whatever it saw, so the next hand-over asks for a new run. */
export async function dropLane(db: Db, runId: string): Promise<void> {
  await db.$executeRaw`UPDATE webhook_endpoint_lanes SET holder = NULL, lease_until = NULL WHERE holder = ${runId}`;
}

/**
 * A rate-limited endpoint's run reserves the send slots of `count` claimed deliveries, one every
 * 1/perSecond s from the lane's next free slot (or now). Answers how many ms from now the first
 * slot is (by the database's clock, so workers' clocks may differ), or null without the lane.
 */
export async function reserveSendSlots(
  db: Db,
  endpointId: string,
  runId: string,
  count: number,
  perSecond: number,
): Promise<number | null> {
  const [row] = await db.$queryRaw<{ first_in_ms: number }[]>`
    WITH reserved AS (
      UPDATE webhook_endpoint_lanes
      SET next_send_at = greatest(coalesce(next_send_at, now()), now()) + make_interval(secs => ${count / perSecond})
      WHERE endpoint_id = ${endpointId}::uuid AND holder = ${runId}
      RETURNING next_send_at
    )
    SELECT (extract(epoch FROM next_send_at - now()) * 1000 - ${(count * 1000) / perSecond})::float8 AS first_in_ms FROM reserved`;
  return row ? row.first_in_ms : null;
}
