import "server-only";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";

/**
 * One table's share of retention: a statement deleting up to `limit` of its rows older than the
 * cutoff, oldest first, answering how many went (and how many attempts went with deliveries).
 */
type RetainedTable = {
  name: "deliveries" | "events" | "inboundRequests" | "loginAttempts" | "notifications" | "jobs";
  limit: number;
  deleteBatch: (cutoff: Prisma.Sql, limit: number) => Prisma.Sql;
};

/** A table with nothing hanging off it, pruned oldest first by `column` (our own constants, never input). */
function oldestFirst(table: string, column: string): RetainedTable["deleteBatch"] {
  const [t, c] = [Prisma.raw(table), Prisma.raw(column)];
  return (cutoff, limit) => Prisma.sql`
      WITH deleted AS (DELETE FROM ${t} WHERE id IN (
        SELECT id FROM ${t} WHERE ${c} < ${cutoff} ORDER BY ${c} LIMIT ${limit}) RETURNING 1)
      SELECT count(*)::int AS rows, 0 AS attempts FROM deleted`;
}

// Small batches: each is one short statement (a few ms), so no lock is held for long and the
// deliveries being written meanwhile never wait behind a large delete.
const TABLES: RetainedTable[] = [
  {
    // A pending delivery is never pruned, whatever its age; a claimed or locked row is skipped.
    // Attempts (their bodies are most of the bytes) go in the same statement as their delivery.
    // 100 rows, so a retry of an old delivery that one statement holds waits well under the
    // 100 ms budget even on a loaded box (bench:retention measures it; docs/benchmarks.md).
    name: "deliveries",
    limit: 100,
    deleteBatch: (cutoff, limit) => Prisma.sql`
      WITH batch AS (
        SELECT id FROM webhook_deliveries WHERE created_at < ${cutoff} AND status <> 'pending'
        ORDER BY created_at LIMIT ${limit} FOR UPDATE SKIP LOCKED
      ), attempts AS (
        DELETE FROM webhook_delivery_attempts WHERE delivery_id IN (SELECT id FROM batch) RETURNING 1
      ), deleted AS (
        DELETE FROM webhook_deliveries WHERE id IN (SELECT id FROM batch) RETURNING 1
      )
      SELECT (SELECT count(*) FROM deleted)::int AS rows, (SELECT count(*) FROM attempts)::int AS attempts`,
  },
  {
    // After their deliveries: an event still referenced (a pending delivery, a replay) stays.
    // Walks the oldest events and looks each one's deliveries up by index (a LATERAL with LIMIT
    // is never turned into a join): right after a large delivery prune the statistics are stale,
    // and the planner's anti-join hashed every delivery for each batch.
    name: "events",
    limit: 2_000,
    deleteBatch: (cutoff, limit) => Prisma.sql`
      WITH batch AS (
        SELECT e.id FROM webhook_events e
        LEFT JOIN LATERAL (SELECT 1 AS referenced FROM webhook_deliveries d WHERE d.event_id = e.id LIMIT 1) r ON true
        WHERE e.created_at < ${cutoff} AND r.referenced IS NULL
        ORDER BY e.created_at LIMIT ${limit} FOR UPDATE OF e SKIP LOCKED
      ), deleted AS (DELETE FROM webhook_events WHERE id IN (SELECT id FROM batch) RETURNING 1)
      SELECT count(*)::int AS rows, 0 AS attempts FROM deleted`,
  },
  {
    name: "inboundRequests",
    limit: 2_000,
    deleteBatch: oldestFirst("inbound_requests", "received_at"),
  },
  {
    name: "loginAttempts",
    limit: 2_000,
    deleteBatch: oldestFirst("login_attempts", "attempted_at"),
  },
  {
    // With their read marks (ON DELETE CASCADE). A few per endpoint and episode: no index needed.
    name: "notifications",
    limit: 2_000,
    deleteBatch: oldestFirst("notifications", "created_at"),
  },
  {
    // Finished bulk retries, by when they finished: a running job has no completed_at and stays.
    // A few per organization and week: no index needed.
    name: "jobs",
    limit: 2_000,
    deleteBatch: oldestFirst("jobs", "completed_at"),
  },
];

export type PrunedRows = Record<RetainedTable["name"] | "attempts", number>;

/**
 * Deletes rows older than `days`, table by table in FK-safe order (attempts with their
 * deliveries, then events nothing references, then the logs, notifications and finished jobs), in small batches. With `budgetMs`
 * it stops after that long and says whether anything old is left (`done: false`: call again).
 */
export async function pruneOldRows(
  db: Db,
  { days, budgetMs = Infinity }: { days: number; budgetMs?: number },
): Promise<{ pruned: PrunedRows; done: boolean }> {
  const cutoff = Prisma.sql`now() - make_interval(days => ${days}::int)`;
  const deadline = Date.now() + budgetMs;
  const pruned: PrunedRows = {
    deliveries: 0,
    attempts: 0,
    events: 0,
    inboundRequests: 0,
    loginAttempts: 0,
    notifications: 0,
    jobs: 0,
  };
  for (const table of TABLES) {
    for (;;) {
      if (Date.now() >= deadline) return { pruned, done: false };
      // No JIT: compiling a batch costs more than running it, and stale estimates after a large
      // prune can cross jit_above_cost.
      const [, [batch]] = await db.$transaction([
        db.$executeRaw`SET LOCAL jit = off`,
        db.$queryRaw<{ rows: number; attempts: number }[]>(table.deleteBatch(cutoff, table.limit)),
      ]);
      pruned[table.name] += batch.rows;
      pruned.attempts += batch.attempts;
      if (batch.rows < table.limit) break;
    }
  }
  return { pruned, done: true };
}
