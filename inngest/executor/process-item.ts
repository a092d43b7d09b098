import type pg from "pg";
import type { AppClient } from "./app-client";
import type { AppSync } from "./app-sync";
import { applyComplete, applyFail, applyProgress, applyRetry } from "./apply-outcome";
import { queueItemRef } from "./checkpoint-api";
import { backoffMs } from "./durations";
import type { FunctionRegistry } from "./function-registry";
import type { Log } from "./logger";
import { interpretResponse, type Outcome, type SerializedError } from "./outcome";
import type { ClaimedItem } from "./queue";

export type ItemContext = {
  db: pg.Pool;
  registry: FunctionRegistry;
  app: AppClient;
  /** Every call goes here, whatever URL a stored function config names. */
  appUrl: string;
  sync: AppSync;
  owner: string;
  timeScale: number;
  log: Log;
};

/** Runs one claimed item (a call to the app, or a finished sleep) and persists what it means. */
export async function processItem(ctx: ItemContext, item: ClaimedItem): Promise<void> {
  const started = performance.now();
  const prefix = `run ${item.run_id} fn=${item.fn_id}`;
  const elapsed = () => `${Math.round(performance.now() - started)}ms`;
  if (item.status !== "running") {
    await ctx.db.query("DELETE FROM executor.queue WHERE id = $1 AND lease_owner = $2", [item.id, ctx.owner]);
    return;
  }
  const memoized = new Map(item.steps);
  if (item.kind === "sleep" || (item.step_id !== "step" && memoized.has(item.step_id))) {
    const memos = item.kind === "sleep" ? [{ id: item.step_id, name: item.name, result: null }] : [];
    await applyProgress(ctx.db, item, ctx.owner, { memos, planned: [], discover: true, parallel: false });
    if (item.kind === "sleep") ctx.log(`${prefix} step=${item.name ?? item.step_id} woke`);
    return;
  }
  const outcome = await callApp(ctx, item, memoized);
  const stepLabel = item.step_id === "step" ? "" : ` step=${item.name ?? item.step_id}`;
  let owned = true;
  switch (outcome.type) {
    case "complete":
      owned = await applyComplete(ctx.db, item, ctx.owner, outcome.output);
      ctx.log(`${prefix}${stepLabel} completed ${elapsed()}`);
      break;
    case "fail":
      owned = await applyFail(ctx.db, ctx.registry, item, ctx.owner, outcome.error);
      ctx.log(`${prefix}${stepLabel} failed: ${outcome.error.message}`);
      break;
    case "retry":
      owned = await retry(ctx, item, outcome, prefix);
      break;
    case "progress":
      outcome.planned = outcome.planned.map((p) => ({ ...p, delayMs: Math.round(p.delayMs * ctx.timeScale) }));
      owned = await applyProgress(ctx.db, item, ctx.owner, outcome);
      for (const m of outcome.memos) {
        const failed = m.result !== null && typeof m.result === "object" && "error" in m.result;
        ctx.log(`${prefix} step=${m.name ?? m.id} ${failed ? "failed" : "ok"} ${elapsed()}`);
      }
      for (const p of outcome.planned) {
        ctx.log(`${prefix} step=${p.name ?? p.id} ${p.kind === "sleep" ? `sleeping ${p.delayMs}ms` : "planned"}`);
      }
      break;
  }
  if (!owned) ctx.log(`${prefix}${stepLabel} lease lost (another process took the item); result dropped`);
}

async function callApp(ctx: ItemContext, item: ClaimedItem, memoized: Map<string, unknown>): Promise<Outcome> {
  const def = ctx.registry.get(item.fn_id);
  if (!def) {
    void ctx.sync.syncNow();
    return {
      type: "retry",
      error: { name: "Error", message: `function ${item.fn_id} is not known to the executor; re-syncing` },
    };
  }
  const url = new URL(ctx.appUrl);
  url.searchParams.set("fnId", item.fn_id);
  url.searchParams.set("stepId", item.step_id);
  const stack = [...memoized.keys()];
  const body = {
    event: item.event,
    events: item.events,
    steps: Object.fromEntries(memoized),
    ctx: {
      run_id: item.run_id,
      attempt: item.attempt,
      max_attempts: def.maxAttempts,
      disable_immediate_execution: item.parallel,
      use_api: false,
      // With these two the SDK runs consecutive steps in this one call and checkpoints each.
      fn_id: item.fn_id,
      qi_id: queueItemRef(item.id, ctx.owner),
      stack: { stack, current: stack.length },
    },
  };
  try {
    const outcome = interpretResponse(await ctx.app.request("POST", url.toString(), body));
    if (outcome.type === "retry" && /not found in this app/.test(outcome.error.message)) void ctx.sync.syncNow();
    return outcome;
  } catch (error) {
    return { type: "retry", error: { name: "Error", message: `calling the app failed: ${(error as Error).message}` } };
  }
}

async function retry(
  ctx: ItemContext,
  item: ClaimedItem,
  outcome: { error: SerializedError; retryAfterMs?: number; stepName?: string },
  prefix: string,
) {
  const maxAttempts = ctx.registry.get(item.fn_id)?.maxAttempts ?? 4;
  const label = outcome.stepName ?? item.name ?? (item.step_id === "step" ? "function" : item.step_id);
  // A step checkpointed during this call reset the count in the database: the failing step is
  // then on its first attempt, whatever the count was when the call began.
  const { rows } = await ctx.db.query<{ attempt: number }>(
    "SELECT attempt FROM executor.queue WHERE id = $1 AND lease_owner = $2",
    [item.id, ctx.owner],
  );
  const attempt = rows[0]?.attempt ?? item.attempt;
  if (attempt + 1 >= maxAttempts) {
    ctx.log(
      `${prefix} step=${label} attempt ${attempt + 1}/${maxAttempts} failed, giving up: ${outcome.error.message}`,
    );
    // A planned step that exhausts its attempts fails like StepFailed: the code may catch it.
    if (item.step_id !== "step") {
      const memos = [{ id: item.step_id, name: item.name, result: { error: outcome.error } }];
      return applyProgress(ctx.db, item, ctx.owner, { memos, planned: [], discover: true, parallel: false });
    }
    return applyFail(ctx.db, ctx.registry, item, ctx.owner, outcome.error);
  }
  const delay = Math.round((outcome.retryAfterMs ?? backoffMs(attempt)) * ctx.timeScale);
  ctx.log(
    `${prefix} step=${label} attempt ${attempt + 1}/${maxAttempts} failed, retry in ${delay}ms: ${outcome.error.message}`,
  );
  return applyRetry(ctx.db, item, ctx.owner, delay);
}
