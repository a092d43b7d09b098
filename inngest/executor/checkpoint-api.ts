import type pg from "pg";
import { EventApiError } from "./event-api";
import type { Log } from "./logger";
import { prepared } from "./prepared";

/*
 * The server side of the SDK's async checkpointing (`POST /v1/checkpoint/<runId>/async`).
 * When a call carries `ctx.fn_id` and `ctx.qi_id` (and immediate execution is allowed), the
 * SDK runs consecutive steps inside that one request and reports each finished step here
 * before running the next, instead of returning after each. A step is memoized in the same
 * statement that checks the call still holds its lease, and the SDK hears 200 only after
 * that commits, so a step the SDK considers checkpointed survives kill -9.
 */

/** `ctx.qi_id` as the executor sends it: the queue item and the lease owner of this call. */
export function queueItemRef(itemId: string, owner: string): string {
  return `${itemId}.${owner}`;
}

function parseQueueItemRef(ref: unknown): { itemId: string; owner: string } | undefined {
  if (typeof ref !== "string") return undefined;
  const dot = ref.indexOf(".");
  const itemId = ref.slice(0, dot);
  if (dot <= 0 || !/^\d+$/.test(itemId)) return undefined;
  return { itemId, owner: ref.slice(dot + 1) };
}

type CheckpointOp = { id?: unknown; op?: unknown; name?: unknown; displayName?: unknown; data?: unknown };
export type CheckpointedStep = { id: string; name: string | null; result: { data: unknown } };

/** Validates a checkpoint body; only finished `step.run`s may be checkpointed, as on Inngest. */
export function parseCheckpoint(
  runId: string,
  raw: string,
): { itemId: string; owner: string; fnId: string; steps: CheckpointedStep[] } {
  let body: { run_id?: unknown; fn_id?: unknown; qi_id?: unknown; steps?: unknown };
  try {
    body = JSON.parse(raw) as typeof body;
  } catch {
    throw new EventApiError(400, "invalid_json", "Request body is not valid JSON");
  }
  if (body.run_id !== undefined && body.run_id !== runId)
    throw new EventApiError(400, "run_mismatch", "run_id does not match the URL");
  const ref = parseQueueItemRef(body.qi_id);
  if (!ref) throw new EventApiError(400, "invalid_qi_id", "qi_id is missing or was not issued by this executor");
  if (!Array.isArray(body.steps)) throw new EventApiError(400, "invalid_steps", "steps must be an array");
  const steps = (body.steps as CheckpointOp[]).map((op) => {
    if (!op || typeof op.id !== "string" || (op.op !== "StepRun" && op.op !== "Step")) {
      throw new EventApiError(400, "unsupported_op", `cannot checkpoint opcode ${String(op?.op)}`);
    }
    const name = typeof op.displayName === "string" ? op.displayName : typeof op.name === "string" ? op.name : null;
    return { id: op.id, name, result: { data: op.data ?? null } };
  });
  return { ...ref, fnId: typeof body.fn_id === "string" ? body.fn_id : "", steps };
}

/**
 * Memoizes checkpointed steps if the call that made them still holds its queue item's lease,
 * and resets the item's attempt count (a step finished, so the next failure is a first
 * attempt again). Returns false for a stale call (the SDK then stops: 409).
 */
export async function applyCheckpoint(
  db: pg.Pool,
  runId: string,
  itemId: string,
  owner: string,
  steps: CheckpointedStep[],
): Promise<boolean> {
  const { rows } = await db.query<{ owned: boolean }>(
    prepared(
      "checkpoint",
      `WITH cur AS (
       UPDATE executor.queue SET attempt = 0 WHERE id = $1 AND run_id = $2 AND lease_owner = $3 RETURNING id
     ), mem AS (
       INSERT INTO executor.steps (run_id, step_id, name, result)
       SELECT $2, x.id, x.name, x.result FROM cur, jsonb_to_recordset($4::jsonb) AS x(id text, name text, result jsonb)
       ON CONFLICT DO NOTHING
     )
     SELECT EXISTS (SELECT 1 FROM cur) AS owned`,
      [itemId, runId, owner, JSON.stringify(steps)],
    ),
  );
  return rows[0]?.owned ?? false;
}

export async function handleCheckpoint(
  db: pg.Pool,
  log: Log,
  runId: string,
  raw: string,
): Promise<{ status: number; body: unknown }> {
  const { itemId, owner, fnId, steps } = parseCheckpoint(runId, raw);
  if (!(await applyCheckpoint(db, runId, itemId, owner, steps))) {
    log(`run ${runId} fn=${fnId} checkpoint refused: the call no longer holds its lease`);
    return { status: 409, body: { error: "stale dispatch: this run was handed to another call" } };
  }
  for (const step of steps) log(`run ${runId} fn=${fnId} step=${step.name ?? step.id} ok (checkpointed)`);
  return { status: 200, body: {} };
}
