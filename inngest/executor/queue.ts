import type pg from "pg";
import { prepared } from "./prepared";

/** A claimed queue item with the state of its run, loaded in the same statement. */
export type ClaimedItem = {
  id: string;
  run_id: string;
  step_id: string;
  kind: "call" | "sleep";
  name: string | null;
  attempt: number;
  concurrency_keys: string[];
  concurrency_limits: number[];
  fn_id: string;
  event: Record<string, unknown>;
  events: Record<string, unknown>[];
  status: string;
  parallel: boolean;
  /** Memoized steps in completion order: [stepId, result], as of the moment the lease was ours. */
  steps: [string, unknown][];
};

const READY = "available_at <= now() AND (lease_until IS NULL OR lease_until < now())";
// run_steps reads with a fresh snapshot (see its migration): this statement's own can predate a
// checkpoint committed by the holder of a lapsed lease, or one committed while a claim waited.
const WITH_STATE = `SELECT c.*, r.fn_id, r.event, r.events, r.status, r.parallel, executor.run_steps(c.run_id) AS steps
  FROM c JOIN executor.runs r ON r.id = c.run_id`;
const RETURNING =
  "RETURNING q.id, q.run_id, q.step_id, q.kind, q.name, q.attempt, q.concurrency_keys, q.concurrency_limits";

/**
 * Leases up to `limit` ready items without a concurrency key in one statement (SKIP LOCKED:
 * several processes never take the same item), and says whether keyed items are waiting.
 */
export async function claimUnkeyed(db: pg.Pool, owner: string, limit: number, leaseMs: number) {
  const { rows } = await db.query<ClaimedItem & { keyed_ready: boolean }>(
    prepared(
      "claim-unkeyed",
      `WITH c AS (
       UPDATE executor.queue q SET lease_owner = $1, lease_until = now() + $2 * interval '1 millisecond'
       FROM (SELECT id FROM executor.queue WHERE ${READY} AND cardinality(concurrency_keys) = 0
             ORDER BY available_at, id LIMIT $3 FOR UPDATE SKIP LOCKED) pick
       WHERE q.id = pick.id ${RETURNING}
     ), s AS (${WITH_STATE})
     SELECT f.keyed_ready, s.* FROM
       (SELECT EXISTS (SELECT 1 FROM executor.queue WHERE ${READY} AND cardinality(concurrency_keys) > 0) AS keyed_ready) f
       LEFT JOIN s ON true`,
      [owner, leaseMs, limit],
    ),
  );
  return { items: rows.filter((r) => r.id !== null), keyedReady: rows[0]?.keyed_ready ?? false };
}

/**
 * Leases ready items whose concurrency keys have room, in one statement: `pick_keyed` skips
 * keys at their limit and serializes keyed claims of all processes (advisory lock held until
 * this statement commits), so a key's limit holds across processes.
 */
export async function claimKeyed(db: pg.Pool, owner: string, limit: number, leaseMs: number): Promise<ClaimedItem[]> {
  const { rows } = await db.query<ClaimedItem>(
    prepared(
      "claim-keyed",
      `WITH pick AS (SELECT * FROM executor.pick_keyed($3)), c AS (
       UPDATE executor.queue q SET lease_owner = $1, lease_until = now() + $2 * interval '1 millisecond'
       FROM pick WHERE q.id = pick.id ${RETURNING}
     ) ${WITH_STATE}`,
      [owner, leaseMs, limit],
    ),
  );
  return rows;
}

/** Keeps this process's leases alive while their calls run; a crashed process's lapse. */
export async function renewLeases(db: pg.Pool, owner: string, leaseMs: number): Promise<void> {
  await db.query(
    "UPDATE executor.queue SET lease_until = now() + $2 * interval '1 millisecond' WHERE lease_owner = $1 AND lease_until > now()",
    [owner, leaseMs],
  );
}

/** Milliseconds until the earliest future item (a sleep, a backoff, a lapsing lease), if any. */
export async function msUntilNextItem(db: pg.Pool): Promise<number | undefined> {
  const { rows } = await db.query<{ ms: number | null }>(
    prepared(
      "next-item",
      `SELECT extract(epoch FROM (min(greatest(available_at, coalesce(lease_until, available_at))) - now())) * 1000 AS ms
     FROM executor.queue`,
      [],
    ),
  );
  const ms = rows[0]?.ms;
  return ms === null || ms === undefined ? undefined : Math.max(0, Number(ms));
}
