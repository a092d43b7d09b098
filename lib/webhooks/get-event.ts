import "server-only";
import type { Db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { isUuid } from "@/lib/ids";

/** An event with its stored envelope and every delivery of it (replays included), oldest first. */
export async function getEvent(db: Db, organizationId: string, eventId: string) {
  const event = isUuid(eventId)
    ? await db.webhookEvent.findFirst({
        where: { id: eventId, organizationId },
        include: {
          deliveries: {
            include: { endpoint: { select: { url: true } } },
            orderBy: [{ createdAt: "asc" }, { id: "asc" }],
          },
        },
      })
    : null;
  if (!event) throw notFound("Event");
  return event;
}
