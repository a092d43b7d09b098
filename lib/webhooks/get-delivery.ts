import "server-only";
import type { Db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { isUuid } from "@/lib/ids";

/**
 * A delivery with its event and every attempt, oldest attempt first. Each attempt's request body
 * is what it sent: its event's payload, stored once on the event (an attempt row written before
 * that change still holds its own copy).
 */
export async function getDelivery(db: Db, organizationId: string, deliveryId: string) {
  const delivery = isUuid(deliveryId)
    ? await db.webhookDelivery.findFirst({
        where: { id: deliveryId, organizationId },
        include: { endpoint: { select: { url: true } }, event: true, attempts: { orderBy: { attemptNumber: "asc" } } },
      })
    : null;
  if (!delivery) throw notFound("Delivery");
  return {
    ...delivery,
    attempts: delivery.attempts.map((a) => ({ ...a, requestBody: a.requestBody ?? delivery.event.payload })),
  };
}
