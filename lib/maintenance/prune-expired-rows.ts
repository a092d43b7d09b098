import "server-only";
import type { Db } from "@/lib/db/client";

/** Rate-limit windows are at most a minute long; a day of history is plenty for support questions. */
const RATE_LIMIT_RETENTION = "1 day";
/** Deletes in slices so one run never holds many row locks or a long transaction. */
const BATCH = 5_000;

/**
 * Deletes dedupe keys whose window has passed, rate-limit counters of windows long closed and
 * sign-in throttles long quiet.
 * Neither is read once expired (a key past `expires_at` is reclaimed by the next claim anyway),
 * so this only keeps the tables small. Returns how many rows went.
 */
export async function pruneExpiredRows(
  db: Db,
): Promise<{ dedupeKeys: number; rateLimitCounters: number; loginThrottles: number }> {
  const dedupeKeys = await deleteInBatches(
    () =>
      db.$executeRaw`DELETE FROM inbound_dedupe_keys WHERE key IN (SELECT key FROM inbound_dedupe_keys WHERE expires_at < now() LIMIT ${BATCH})`,
  );
  const rateLimitCounters = await deleteInBatches(
    () =>
      db.$executeRaw`DELETE FROM rate_limit_counters WHERE (key, window_start) IN (
      SELECT key, window_start FROM rate_limit_counters WHERE window_start < now() - ${RATE_LIMIT_RETENTION}::interval LIMIT ${BATCH})`,
  );
  // A throttle quiet for a day has long reset and waits for nothing.
  const loginThrottles = await deleteInBatches(
    () =>
      db.$executeRaw`DELETE FROM login_throttles WHERE key IN (
      SELECT key FROM login_throttles WHERE updated_at < now() - ${RATE_LIMIT_RETENTION}::interval LIMIT ${BATCH})`,
  );
  return { dedupeKeys, rateLimitCounters, loginThrottles };
}

async function deleteInBatches(deleteBatch: () => Promise<number>): Promise<number> {
  let total = 0;
  for (let deleted = BATCH; deleted === BATCH; total += deleted) deleted = await deleteBatch();
  return total;
}
