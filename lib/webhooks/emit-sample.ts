import "server-only";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { EVENT_CATALOGUE, isEventType } from "./event-catalogue";
import { withEvents } from "./emit-event";
import { getEndpoint } from "./manage-endpoints";

/**
 * Sends a catalogue type's sample through the whole pipeline (outbox, deliveries, retries), to one
 * endpoint or to every subscribed one, so owners can exercise their handler before real traffic.
 * Answers the event id and the deliveries it queued (none if no enabled endpoint subscribes).
 */
export async function emitSample(db: Db, organizationId: string, type: string, endpointId?: string) {
  if (!isEventType(type) || type === "webhook.test") {
    throw new AppError("validation_failed", `event_type: unknown event type "${type}"`, [
      { field: "event_type", message: `unknown event type "${type}"` },
    ]);
  }
  // A disabled endpoint would get nothing; say so instead of answering "queued".
  if (endpointId && !(await getEndpoint(db, organizationId, endpointId)).enabled) {
    throw new AppError("conflict", "This endpoint is disabled: enable it before sending it a sample.");
  }
  const { events } = await withEvents(db, async (_tx, emit) => [
    await emit(organizationId, type, EVENT_CATALOGUE[type].sample, { endpointId }),
  ]);
  return { event_id: events[0].id, delivery_ids: events[0].deliveries.map((d) => d.id) };
}
