import type pg from "pg";
import { createRuns } from "./create-runs";
import type { FunctionRegistry } from "./function-registry";
import { ulid } from "./ids";
import type { Memo, Planned, SerializedError } from "./outcome";
import type { ClaimedItem } from "./queue";
import { countRuns } from "./metrics";
import { prepared } from "./prepared";

/*
 * Every write below is guarded by the item's lease (`cur`): a worker whose lease lapsed (and
 * whose item another process took) changes nothing. Each is one statement, hence atomic,
 * except a failure, which also starts the onFailure run in the same transaction.
 */
const CUR = "cur AS (SELECT id, rerun FROM executor.queue WHERE id = $1 AND lease_owner = $2 FOR UPDATE)";

/** Memoizes finished steps, queues planned steps and sleeps, and schedules the next discovery call. */
export async function applyProgress(
  db: pg.Pool,
  item: ClaimedItem,
  owner: string,
  p: { memos: Memo[]; planned: Planned[]; discover: boolean; parallel: boolean },
): Promise<boolean> {
  const isDiscovery = item.step_id === "step";
  const readyWork = p.discover || p.planned.some((x) => x.delayMs <= 0);
  const { rows } = await db.query<{ owned: boolean }>(
    prepared(
      "progress",
      `WITH ${CUR},
     run AS (SELECT concurrency_keys, concurrency_limits FROM executor.runs WHERE id = $3),
     mem AS (
       INSERT INTO executor.steps (run_id, step_id, name, result)
       SELECT $3, x.id, x.name, x.result FROM cur, jsonb_to_recordset($4::jsonb) AS x(id text, name text, result jsonb)
       ON CONFLICT DO NOTHING
     ), plan AS (
       INSERT INTO executor.queue (run_id, step_id, kind, name, available_at, concurrency_keys, concurrency_limits)
       SELECT $3, x.id, x.kind, x.name, now() + x.delay_ms * interval '1 millisecond',
              CASE WHEN x.kind = 'call' THEN run.concurrency_keys ELSE '{}' END,
              CASE WHEN x.kind = 'call' THEN run.concurrency_limits ELSE '{}' END
       FROM cur, run, jsonb_to_recordset($5::jsonb) AS x(id text, kind text, name text, delay_ms float8)
       WHERE NOT EXISTS (SELECT 1 FROM executor.steps s WHERE s.run_id = $3 AND s.step_id = x.id)
       ON CONFLICT (run_id, step_id) DO NOTHING
     ), par AS (
       UPDATE executor.runs SET parallel = true WHERE id = $3 AND $6 AND NOT parallel AND EXISTS (SELECT 1 FROM cur)
     ), again AS (
       UPDATE executor.queue SET attempt = 0, rerun = false, lease_owner = NULL, lease_until = NULL, available_at = now()
       WHERE id = $1 AND $7 AND ($8 OR (SELECT rerun FROM cur)) AND EXISTS (SELECT 1 FROM cur)
     ), done AS (
       DELETE FROM executor.queue WHERE id = $1 AND NOT ($7 AND ($8 OR (SELECT rerun FROM cur))) AND EXISTS (SELECT 1 FROM cur)
     ), disc AS (
       INSERT INTO executor.queue (run_id, step_id, kind, concurrency_keys, concurrency_limits)
       SELECT $3, 'step', 'call', run.concurrency_keys, run.concurrency_limits FROM cur, run WHERE NOT $7 AND $8
       ON CONFLICT (run_id, step_id) DO UPDATE SET rerun = true WHERE queue.lease_until > now()
     )
     SELECT EXISTS (SELECT 1 FROM cur) AS owned,
            CASE WHEN $9 AND EXISTS (SELECT 1 FROM cur) THEN pg_notify('executor_queue', '') END AS notified`,
      [
        item.id,
        owner,
        item.run_id,
        JSON.stringify(p.memos),
        JSON.stringify(p.planned.map((x) => ({ id: x.id, kind: x.kind, name: x.name, delay_ms: x.delayMs }))),
        p.parallel,
        isDiscovery,
        p.discover,
        readyWork,
      ],
    ),
  );
  return rows[0]?.owned ?? false;
}

/** Puts the item back for another attempt after `delayMs`. */
export async function applyRetry(
  db: pg.Pool,
  item: ClaimedItem,
  owner: string,
  delayMs: number,
  countAttempt = true,
): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE executor.queue SET attempt = attempt + $4, available_at = now() + $3 * interval '1 millisecond',
       lease_owner = NULL, lease_until = NULL, rerun = false
     WHERE id = $1 AND lease_owner = $2`,
    [item.id, owner, delayMs, countAttempt ? 1 : 0],
  );
  return rowCount === 1;
}

/** Records the return value and drops whatever else the run still had queued. */
export async function applyComplete(db: pg.Pool, item: ClaimedItem, owner: string, output: unknown): Promise<boolean> {
  const { rows } = await db.query<{ owned: boolean }>(
    prepared(
      "complete",
      `WITH ${CUR},
     r AS (UPDATE executor.runs SET status = 'completed', output = $4, ended_at = now() WHERE id = $3 AND status = 'running' AND EXISTS (SELECT 1 FROM cur)),
     d AS (DELETE FROM executor.queue WHERE run_id = $3 AND EXISTS (SELECT 1 FROM cur))
     SELECT EXISTS (SELECT 1 FROM cur) AS owned`,
      [item.id, owner, item.run_id, JSON.stringify(output ?? null)],
    ),
  );
  const owned = rows[0]?.owned ?? false;
  if (owned) countRuns("completed");
  return owned;
}

/** Marks the run failed and, in the same transaction, emits `inngest/function.failed` (onFailure). */
export async function applyFail(
  db: pg.Pool,
  registry: FunctionRegistry,
  item: ClaimedItem,
  owner: string,
  error: SerializedError,
): Promise<boolean> {
  const client = await db.connect();
  try {
    await client.query("BEGIN");
    const { rows } = await client.query<{ owned: boolean }>(
      `WITH ${CUR},
       r AS (UPDATE executor.runs SET status = 'failed', error = $4, ended_at = now() WHERE id = $3 AND status = 'running' AND EXISTS (SELECT 1 FROM cur)),
       d AS (DELETE FROM executor.queue WHERE run_id = $3 AND EXISTS (SELECT 1 FROM cur))
       SELECT EXISTS (SELECT 1 FROM cur) AS owned`,
      [item.id, owner, item.run_id, JSON.stringify(error)],
    );
    const owned = rows[0]?.owned ?? false;
    if (owned) {
      const data = { function_id: item.fn_id, run_id: item.run_id, error, event: item.event };
      const event = { id: ulid(), name: "inngest/function.failed", data, ts: Date.now() };
      await createRuns(client, registry, [{ event }]);
    }
    await client.query("COMMIT");
    if (owned) countRuns("failed");
    return owned;
  } catch (e) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}
