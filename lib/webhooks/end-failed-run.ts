import "server-only";
import type { Db } from "@/lib/db/client";
import { observeFailedDeliveries } from "@/lib/metrics/observe";
import { dropLane } from "./endpoint-lanes";

/**
 * A delivery run that ended for good (its steps' retries used up, a function error): the
 * deliveries it had claimed and not recorded fail with the reason, where the dashboard shows it,
 * and its lane is let go so the endpoint's other deliveries get a new run.
 */
export async function endFailedRun(db: Db, runId: string, error: string): Promise<number> {
  const reason = `The delivery run stopped before this delivery's attempt was recorded (${error}). Retry it from the delivery log.`;
  const failed = await db.$executeRaw`
    UPDATE webhook_deliveries SET status = 'failed', last_error = ${reason}, completed_at = now(),
      lease_owner = NULL, lease_until = NULL, updated_at = now()
    WHERE lease_owner = ${runId} AND status = 'pending'`;
  observeFailedDeliveries(failed);
  await dropLane(db, runId);
  return failed;
}
