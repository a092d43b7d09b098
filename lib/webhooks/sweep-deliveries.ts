import "server-only";
import type { Db } from "@/lib/db/client";
import { observeFailedDeliveries } from "@/lib/metrics/observe";
import { startRuns } from "./hand-over";

/** Due this long ago with nobody draining: the hand-over never happened, or its run was lost. */
const OVERDUE_SECONDS = 30;
/** Pending this long past its due time: the pipeline could not reach it, so say so instead of waiting on. */
const GIVE_UP_HOURS = 24;
const BATCH = 500;

export const GAVE_UP_REASON = `Not attempted within ${GIVE_UP_HOURS} hours of its due time: no delivery run could take it. Retry it from the delivery log.`;

/**
 * The safety net behind hand-overs and delivery runs, run every minute. Endpoints with deliveries
 * overdue and no live run get a run (a hand-over lost to a crash, Inngest unreachable at the
 * time, a run cancelled or lost); deliveries overdue by more than a day fail with a reason, so
 * none stays pending for ever.
 */
export async function sweepDeliveries(db: Db): Promise<{ restarted: number; gaveUp: number }> {
  const gaveUp = await db.$executeRaw`
    UPDATE webhook_deliveries d SET status = 'failed', last_error = ${GAVE_UP_REASON}, completed_at = now(),
      lease_owner = NULL, lease_until = NULL, updated_at = now()
    FROM (SELECT id FROM webhook_deliveries
          WHERE status = 'pending' AND next_attempt_at < now() - make_interval(hours => ${GIVE_UP_HOURS})
            AND (lease_until IS NULL OR lease_until < now())
          LIMIT ${BATCH} FOR UPDATE SKIP LOCKED) pick
    WHERE d.id = pick.id`;
  observeFailedDeliveries(gaveUp);
  const stranded = await db.$queryRaw<{ endpoint_id: string }[]>`
    SELECT DISTINCT d.endpoint_id::text FROM webhook_deliveries d
    LEFT JOIN webhook_endpoint_lanes l ON l.endpoint_id = d.endpoint_id
    WHERE d.status = 'pending' AND d.next_attempt_at < now() - make_interval(secs => ${OVERDUE_SECONDS})
      AND (d.lease_until IS NULL OR d.lease_until < now())
      AND (l.holder IS NULL OR l.lease_until < now())
    LIMIT ${BATCH}`;
  const restarted =
    stranded.length > 0
      ? await startRuns(
          db,
          stranded.map((r) => r.endpoint_id),
        )
      : 0;
  return { restarted, gaveUp };
}
