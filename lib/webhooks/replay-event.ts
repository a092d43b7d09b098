import "server-only";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { isUuid } from "@/lib/ids";
import type { NewDelivery } from "./emit-event";
import { handOver } from "./hand-over";
import { getEndpoint } from "./manage-endpoints";

export const replayEventSchema = z.object({
  endpoint_id: z.uuid("endpoint_id must be a UUID").optional(),
});

/**
 * Sends a stored event again: the same bytes, as a new delivery per endpoint (so a new
 * `webhook-id`: a receiver that deduplicates on it takes the replay), to one endpoint (whatever
 * its payload filter: it was asked for) or to every enabled endpoint subscribed to the type now
 * whose filter lets it through. Each goes through the engine like a new delivery:
 * attempt at once, then the retry schedule.
 */
export async function replayEvent(
  db: Db,
  organizationId: string,
  eventId: string,
  input: z.output<typeof replayEventSchema>,
) {
  const event = isUuid(eventId)
    ? await db.webhookEvent.findFirst({
        where: { id: eventId, organizationId },
        select: { id: true, type: true, endpointId: true },
      })
    : null;
  if (!event) throw notFound("Event");
  if (event.type === "webhook.test") {
    throw new AppError("conflict", "A test ping is not replayed: send a new one from the endpoint's page.");
  }
  const target = input.endpoint_id
    ? await oneEndpoint(db, organizationId, event, input.endpoint_id)
    : event.endpointId
      ? Prisma.sql`ep.id = ${event.endpointId}::uuid`
      : // As the emit chooses: subscribed to the type, and the endpoint's payload filter lets it through.
        Prisma.sql`${event.type} = ANY (ep.event_types)
          AND (ep.filter IS NULL OR webhook_filter_matches(ep.filter, (SELECT payload FROM webhook_events WHERE id = ${event.id}::uuid)::jsonb))`;
  const deliveries = await db.$queryRaw<NewDelivery[]>`
    WITH targets AS (
      SELECT ep.id FROM webhook_endpoints ep
      WHERE ep.organization_id = ${organizationId}::uuid AND ep.enabled AND ${target}
      -- As in the emit: an endpoint being deleted is waited for and skipped, not a foreign-key error.
      FOR KEY SHARE
    )
    INSERT INTO webhook_deliveries (id, organization_id, event_id, endpoint_id, event_type, is_replay, next_attempt_at, updated_at)
    SELECT gen_random_uuid(), ${organizationId}::uuid, ${event.id}::uuid, targets.id, ${event.type}, true, now(), now()
    FROM targets
    RETURNING id::text, endpoint_id::text AS "endpointId"`;
  if (deliveries.length === 0) {
    throw new AppError("conflict", `No enabled endpoint is subscribed to ${event.type}: nothing to replay it to.`);
  }
  await handOver(
    db,
    deliveries.map((d) => d.endpointId),
  );
  return { event_id: event.id, delivery_ids: deliveries.map((d) => d.id) };
}

/**
 * The one endpoint a replay names: it must be enabled, and take this event: subscribed to its
 * type now, or the endpoint it was sent to before (a sample aimed at it, or a since-changed
 * subscription).
 */
async function oneEndpoint(
  db: Db,
  organizationId: string,
  event: { id: string; type: string; endpointId: string | null },
  endpointId: string,
): Promise<Prisma.Sql> {
  const endpoint = await getEndpoint(db, organizationId, endpointId);
  if (!endpoint.enabled) {
    throw new AppError("conflict", "This endpoint is disabled: enable it before replaying events to it.");
  }
  const takesIt =
    endpoint.eventTypes.includes(event.type) ||
    event.endpointId === endpoint.id ||
    (await db.webhookDelivery.count({ where: { eventId: event.id, endpointId: endpoint.id } })) > 0;
  if (!takesIt) {
    throw new AppError("validation_failed", `endpoint_id: this endpoint is not subscribed to ${event.type}`, [
      { field: "endpoint_id", message: `not subscribed to ${event.type}` },
    ]);
  }
  return Prisma.sql`ep.id = ${endpoint.id}::uuid`;
}
