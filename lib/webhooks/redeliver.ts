import "server-only";
import type { Db } from "@/lib/db/client";
import { inngest } from "@/inngest/client";
import { notFound } from "@/lib/errors";
import { attemptDelivery } from "./attempt-delivery";
import { WEBHOOK_DELIVERY_REQUESTED } from "./inngest-events";
import { getEndpoint } from "./manage-endpoints";
import { isUuid } from "@/lib/ids";

/** "Retry now": one attempt at once, outside the schedule. A success ends the delivery. */
export async function retryDeliveryNow(db: Db, organizationId: string, deliveryId: string) {
  const delivery = isUuid(deliveryId)
    ? await db.webhookDelivery.findFirst({ where: { id: deliveryId, organizationId } })
    : null;
  if (!delivery) throw notFound("Delivery");
  return attemptDelivery(db, delivery.id, { trigger: "manual" });
}

/** Re-delivers every failed delivery of an endpoint since a time, each on the full schedule again. */
export async function recoverFailedDeliveries(
  db: Db,
  organizationId: string,
  endpointId: string,
  since: Date,
): Promise<{ recovered: number }> {
  await getEndpoint(db, organizationId, endpointId);
  const failed = await db.webhookDelivery.findMany({
    where: { organizationId, endpointId, status: "failed", isTest: false, createdAt: { gte: since } },
    select: { id: true },
    take: 10_000,
  });
  if (failed.length === 0) return { recovered: 0 };
  const ids = failed.map((d) => d.id);
  await db.webhookDelivery.updateMany({
    where: { id: { in: ids } },
    data: { status: "pending", completedAt: null, lastError: null },
  });
  const round = Date.now();
  try {
    await inngest.send(
      ids.map((id) => ({
        id: `recover-${id}-${round}`,
        name: WEBHOOK_DELIVERY_REQUESTED,
        data: { deliveryId: id, endpointId, requestId: `recover-${round}` },
      })),
    );
  } catch (error) {
    // Not handed over: put them back as they were, so nothing sits "pending" forever.
    await db.webhookDelivery.updateMany({
      where: { id: { in: ids }, status: "pending" },
      data: { status: "failed", completedAt: new Date() },
    });
    throw error;
  }
  return { recovered: ids.length };
}
