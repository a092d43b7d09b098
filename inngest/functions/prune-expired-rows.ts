import "server-only";
import { getDb } from "@/lib/db/client";
import { pruneExpiredRows } from "@/lib/maintenance/prune-expired-rows";
import { inngest } from "../client";

/** Keeps the dedupe-key and rate-limit tables from growing without bound. */
export const pruneExpiredRowsCron = inngest.createFunction(
  {
    id: "prune-expired-rows",
    name: "Prune expired dedupe keys and rate-limit counters",
    triggers: [{ cron: "*/10 * * * *" }],
    retries: 1,
  },
  async ({ step }) => step.run("prune", () => pruneExpiredRows(getDb())),
);
