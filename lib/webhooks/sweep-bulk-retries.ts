import "server-only";
import type { Db } from "@/lib/db/client";
import { failBulkRetry } from "./bulk-retry";
import { deliveryRuns } from "./delivery-runs";

/** No progress for this long: the job's run was lost (a crash, a cancelled or expired run). */
const STALLED_MINUTES = 5;
/** Restarts before the job fails, so a job whose every run dies ends instead of looping. */
export const MAX_RESTARTS = 3;

export const LOST_RUN_REASON = `The background run stopped making progress and was restarted ${MAX_RESTARTS} times. Retry all matching again for the rest.`;

/**
 * The safety net behind bulk retries, run with the delivery sweep every minute: a running job
 * whose progress has not moved for STALLED_MINUTES gets a fresh run, which carries on from the
 * job's cursor (nothing is flipped twice), up to MAX_RESTARTS times; then it fails with a reason
 * the delivery log shows.
 */
export async function sweepBulkRetries(db: Db): Promise<{ restarted: number; failed: number }> {
  // A job queued behind another of its organization's that is moving (the function runs one per
  // organization at a time) is waiting, not lost.
  const stalled = await db.$queryRaw<{ id: string; organizationId: string; restarts: number }[]>`
    SELECT j.id::text, j.organization_id::text AS "organizationId", j.restarts FROM jobs j
    WHERE j.kind = 'bulk_retry' AND j.status = 'running'
      AND j.updated_at < now() - make_interval(mins => ${STALLED_MINUTES})
      AND NOT EXISTS (
        SELECT 1 FROM jobs o WHERE o.organization_id = j.organization_id AND o.id <> j.id AND o.status = 'running'
          AND o.updated_at >= now() - make_interval(mins => ${STALLED_MINUTES}))
    ORDER BY j.created_at LIMIT 100`;
  let [restarted, failed] = [0, 0];
  for (const job of stalled) {
    if (job.restarts >= MAX_RESTARTS) {
      await failBulkRetry(db, job.id, LOST_RUN_REASON);
      failed++;
      continue;
    }
    // Claimed by moving updated_at, so a concurrent sweep (or a run that just moved) skips it,
    // and the fresh run has STALLED_MINUTES to show progress.
    const claimed = await db.$executeRaw`
      UPDATE jobs SET restarts = restarts + 1, updated_at = now()
      WHERE id = ${job.id}::uuid AND status = 'running' AND updated_at < now() - make_interval(mins => ${STALLED_MINUTES})`;
    if (claimed === 0) continue;
    // If Inngest does not take it, the job stalls again and the next sweeps ask again.
    await deliveryRuns().bulkRetry({ jobId: job.id, organizationId: job.organizationId });
    restarted++;
  }
  return { restarted, failed };
}
