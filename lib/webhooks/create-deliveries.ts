import type { Db } from "@/lib/db/client";

/**
 * One pending Delivery per enabled endpoint subscribed to the event (or the one endpoint a
 * sample targets). Unique on (event, endpoint), so running this twice creates nothing new.
 * Returns the deliveries still pending, which are the ones to start.
 */
export async function createDeliveries(db: Db, eventId: string): Promise<{ id: string; endpointId: string }[]> {
  const event = await db.webhookEvent.findUnique({ where: { id: eventId } });
  if (!event) return [];
  const endpoints = await db.webhookEndpoint.findMany({
    where: {
      organizationId: event.organizationId,
      enabled: true,
      ...(event.endpointId ? { id: event.endpointId } : { eventTypes: { has: event.type } }),
    },
    select: { id: true },
  });
  if (endpoints.length) {
    await db.webhookDelivery.createMany({
      data: endpoints.map((e) => ({ organizationId: event.organizationId, eventId, endpointId: e.id, eventType: event.type })),
      skipDuplicates: true,
    });
  }
  return db.webhookDelivery.findMany({ where: { eventId, status: "pending" }, select: { id: true, endpointId: true } });
}
