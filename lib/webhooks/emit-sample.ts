import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { EVENT_CATALOGUE, isEventType } from "./event-catalogue";
import { withEvents } from "./emit-event";
import { getEndpoint } from "./manage-endpoints";

/**
 * Sends a catalogue type's sample through the whole pipeline (outbox, deliveries, retries), to one
 * endpoint or to every subscribed one, so owners can exercise their handler before real traffic.
 */
export async function emitSample(db: Db, organizationId: string, type: string, endpointId?: string) {
  if (!isEventType(type) || type === "webhook.test") {
    throw new AppError("validation_failed", `event_type: unknown event type "${type}"`, [{ field: "event_type", message: `unknown event type "${type}"` }]);
  }
  if (endpointId) await getEndpoint(db, organizationId, endpointId);
  const { events } = await withEvents(db, async (_tx, emit) => [await emit(organizationId, type, EVENT_CATALOGUE[type].sample, { endpointId })]);
  return { event_id: events[0].id };
}
