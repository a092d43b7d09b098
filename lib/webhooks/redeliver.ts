import "server-only";
import type { Db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { isUuid } from "@/lib/ids";
import { attemptDelivery, type AttemptOutcome } from "./attempt-delivery";
import { handOver } from "./hand-over";
import { getEndpoint } from "./manage-endpoints";

/** "Retry now": one attempt at once, outside the schedule. A success ends the delivery. */
export async function retryDeliveryNow(db: Db, organizationId: string, deliveryId: string): Promise<AttemptOutcome> {
  const delivery = isUuid(deliveryId)
    ? await db.webhookDelivery.findFirst({ where: { id: deliveryId, organizationId }, select: { id: true } })
    : null;
  const outcome = delivery ? await attemptDelivery(db, delivery.id, "manual") : null;
  if (!outcome) throw notFound("Delivery");
  return outcome;
}

/** Deliveries flipped back to pending per statement: each is a short transaction, however many there are. */
export const REQUEUE_BATCH = 1_000;

/** The SET clause that puts a failed delivery back on the full schedule, due at once. */
export const REQUEUE = Prisma.sql`status = 'pending', next_attempt_at = now(), scheduled_attempts = 0,
  completed_at = NULL, last_error = NULL, lease_owner = NULL, lease_until = NULL, updated_at = now()`;

/**
 * Re-delivers every failed delivery of an endpoint since a time, each on the full schedule again
 * (attempt at once, then the waits). Flipped in batches, and only rows still failed at that
 * moment, so a delivery recovered twice at once goes out once; then the endpoint's run drains them.
 */
export async function recoverFailedDeliveries(
  db: Db,
  organizationId: string,
  endpointId: string,
  since: Date,
): Promise<{ recovered: number }> {
  await getEndpoint(db, organizationId, endpointId);
  let recovered = 0;
  for (;;) {
    const flipped = await db.$executeRaw`
      UPDATE webhook_deliveries d SET ${REQUEUE}
      FROM (SELECT id FROM webhook_deliveries
            WHERE organization_id = ${organizationId}::uuid AND endpoint_id = ${endpointId}::uuid AND status = 'failed'
              AND NOT is_test AND created_at >= ${since}
            LIMIT ${REQUEUE_BATCH} FOR UPDATE SKIP LOCKED) pick
      WHERE d.id = pick.id AND d.status = 'failed'`;
    recovered += flipped;
    if (flipped < REQUEUE_BATCH) break;
  }
  if (recovered > 0) await handOver(db, [endpointId]);
  return { recovered };
}
