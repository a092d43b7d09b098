import type pg from "pg";
import { createRuns } from "./create-runs";
import { nextCronTime } from "./cron-schedule";
import type { FunctionRegistry } from "./function-registry";
import { ulid } from "./ids";
import type { Log } from "./logger";

/**
 * Starts one run per due cron tick. The row lock (SKIP LOCKED) and the advanced `next_at`
 * commit together with the run, so several processes start each tick once; ticks missed
 * while no executor ran collapse into one run.
 */
export async function fireDueCrons(db: pg.Pool, registry: FunctionRegistry, log: Log): Promise<number> {
  const client = await db.connect();
  try {
    await client.query("BEGIN");
    const { rows } = await client.query<{ fn_id: string; cron: string; next_at: Date }>(
      "SELECT fn_id, cron, next_at FROM executor.crons WHERE next_at <= now() FOR UPDATE SKIP LOCKED",
    );
    let fired = 0;
    for (const row of rows) {
      const def = registry.get(row.fn_id);
      const next = nextCronTime(row.cron, new Date(Math.max(Date.now(), row.next_at.getTime())));
      await client.query("UPDATE executor.crons SET next_at = $3 WHERE fn_id = $1 AND cron = $2", [
        row.fn_id,
        row.cron,
        next,
      ]);
      if (!def) continue;
      const event = { id: ulid(), name: "inngest/scheduled.timer", data: { cron: row.cron }, ts: Date.now() };
      await createRuns(client, registry, [{ event }], () => [def]);
      log(`cron fn=${row.fn_id} "${row.cron}" fired`);
      fired++;
    }
    await client.query("COMMIT");
    return fired;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
