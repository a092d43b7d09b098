import "server-only";
import { getDb } from "@/lib/db/client";
import { pruneExpiredRows } from "@/lib/maintenance/prune-expired-rows";
import { pruneOldRows } from "@/lib/maintenance/prune-old-rows";
import { retentionDays } from "@/lib/maintenance/retention-days";
import { inngest } from "../client";

/** Each step prunes for at most this long, so a large backlog is worked off in short steps. */
const STEP_BUDGET_MS = 20_000;
/** A backlog bigger than this many steps is left for the next run (every 10 minutes). */
const MAX_STEPS = 100;

/**
 * Keeps every table from growing without bound: expired dedupe keys and rate-limit windows, and
 * events, deliveries with their attempts, inbound requests, sign-in attempts, notifications and
 * finished jobs older than RETENTION_DAYS.
 */
export const pruneExpiredRowsCron = inngest.createFunction(
  {
    id: "prune-expired-rows",
    name: "Prune expired and old rows",
    triggers: [{ cron: "*/10 * * * *" }],
    retries: 1,
  },
  async ({ step }) => {
    const expired = await step.run("prune", () => pruneExpiredRows(getDb()));
    const days = retentionDays();
    const old: Record<string, number> = {};
    for (let n = 1; n <= MAX_STEPS; n++) {
      const { pruned, done } = await step.run(`prune-old-${n}`, () =>
        pruneOldRows(getDb(), { days, budgetMs: STEP_BUDGET_MS }),
      );
      for (const [table, count] of Object.entries(pruned)) old[table] = (old[table] ?? 0) + count;
      if (done) break;
    }
    return { expired, old, retentionDays: days };
  },
);
