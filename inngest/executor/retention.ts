import type pg from "pg";

const BATCH = 5_000;
// Every executor process prunes on the same period; one at a time (the others skip the pass).
const PRUNE_LOCK = 7310004;

/**
 * Deletes finished runs (with their memoized steps) and events older than `retentionMs`, a
 * bounded batch per statement so no pass holds locks for long. Running runs are never touched,
 * however old: a run sleeping for weeks keeps its state. Returns how many rows went; nothing
 * when another process is pruning (each statement tries the lock for its own transaction).
 */
export async function pruneHistory(db: pg.Pool, retentionMs: number): Promise<{ runs: number; events: number }> {
  let runs = 0;
  let events = 0;
  for (;;) {
    const { rowCount } = await db.query(
      `WITH lock AS (SELECT pg_try_advisory_xact_lock(${PRUNE_LOCK}) AS ok)
       DELETE FROM executor.runs WHERE (SELECT ok FROM lock) AND id IN (
         SELECT id FROM executor.runs WHERE status <> 'running' AND ended_at < now() - $1 * interval '1 millisecond' LIMIT $2)`,
      [retentionMs, BATCH],
    );
    runs += rowCount ?? 0;
    if ((rowCount ?? 0) < BATCH) break;
  }
  for (;;) {
    const { rowCount } = await db.query(
      `WITH lock AS (SELECT pg_try_advisory_xact_lock(${PRUNE_LOCK}) AS ok)
       DELETE FROM executor.events WHERE (SELECT ok FROM lock) AND id IN (
         SELECT id FROM executor.events WHERE received_at < now() - $1 * interval '1 millisecond' LIMIT $2)`,
      [retentionMs, BATCH],
    );
    events += rowCount ?? 0;
    if ((rowCount ?? 0) < BATCH) break;
  }
  return { runs, events };
}
