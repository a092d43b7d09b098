import "server-only";
import { randomUUID } from "node:crypto";
import type { Db, Tx } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { logger } from "@/lib/logger";
import { inSpan } from "@/lib/tracing/tracing";
import { parseEventData, type EventType } from "./event-catalogue";
import { serializeEnvelope } from "./envelope";
import { handOver } from "./hand-over";

/** A delivery the emit created, pending and due at once, to be handed over after commit. */
export type NewDelivery = { id: string; endpointId: string };
/** `deliveries`: one per enabled endpoint subscribed at that moment; none means nothing to hand over. */
export type EmittedEvent = { id: string; organizationId: string; type: string; deliveries: NewDelivery[] };
export type EmitOptions = { endpointId?: string; occurredAt?: Date };
export type Emit = (
  organizationId: string,
  type: EventType,
  data: unknown,
  options?: EmitOptions,
) => Promise<EmittedEvent>;

/**
 * Writes an event to the outbox inside the caller's transaction, so it exists if and only if
 * the change that caused it commits, and fans it out there too: one pending delivery per
 * enabled endpoint subscribed to it whose payload filter lets it through (or the one endpoint a
 * sample targets, whatever its filter), in the same statement. The envelope is serialized here,
 * once. After commit the deliveries are handed over (`withEvents`, `handOver`); an event with no
 * delivery costs nothing more (most organizations have no endpoint for most event types).
 */
export async function emitEvent(
  tx: Tx,
  organizationId: string,
  type: EventType,
  data: unknown,
  options: EmitOptions = {},
): Promise<EmittedEvent> {
  const event = outboxEvent(organizationId, type, data, options);
  const deliveries = await tx.$queryRaw<
    NewDelivery[]
  >`WITH ${outboxCtes(event)} SELECT id, endpoint_id AS "endpointId" FROM deliveries`;
  return { id: event.id, organizationId, type, deliveries };
}

export type OutboxEvent = {
  id: string;
  organizationId: string;
  type: EventType;
  payload: string;
  occurredAt: Date;
  endpointId: string | null;
};

/** An event as the outbox stores it: its id and the envelope, validated and serialized once. */
export function outboxEvent(
  organizationId: string,
  type: EventType,
  data: unknown,
  options: EmitOptions = {},
): OutboxEvent {
  const occurredAt = options.occurredAt ?? new Date();
  const payload = serializeEnvelope({
    event: type,
    timestamp: occurredAt,
    organizationId,
    data: parseEventData(type, data),
  });
  return { id: randomUUID(), organizationId, type, payload, occurredAt, endpointId: options.endpointId ?? null };
}

/**
 * The outbox row and its deliveries as common table expressions (`subscribed`, `outbox`,
 * `deliveries`, the last answering id and endpoint_id), for a statement's WITH clause.
 */
function outboxCtes(e: OutboxEvent): Prisma.Sql {
  return Prisma.sql`
    subscribed AS (
      SELECT ep.id FROM webhook_endpoints ep WHERE ep.organization_id = ${e.organizationId}::uuid AND ep.enabled
        AND CASE WHEN ${e.endpointId}::uuid IS NULL
          THEN ${e.type} = ANY (ep.event_types)
            AND (ep.filter IS NULL OR webhook_filter_matches(ep.filter, ${e.payload}::jsonb))
          ELSE ep.id = ${e.endpointId}::uuid END
      -- An endpoint being deleted is waited for and then skipped, instead of failing the
      -- caller's change on the delivery's foreign key; a delete waits for this transaction.
      FOR KEY SHARE
    ),
    outbox AS (
      INSERT INTO webhook_events (id, organization_id, type, payload, occurred_at, endpoint_id)
      SELECT ${e.id}::uuid, ${e.organizationId}::uuid, ${e.type}, ${e.payload}, ${e.occurredAt}, ${e.endpointId}::uuid
      RETURNING id
    ),
    deliveries AS (
      INSERT INTO webhook_deliveries (id, organization_id, event_id, endpoint_id, event_type, next_attempt_at, updated_at)
      SELECT gen_random_uuid(), ${e.organizationId}::uuid, outbox.id, subscribed.id, ${e.type}, now(), now() FROM outbox, subscribed
      RETURNING id::text, endpoint_id::text
    )`;
}

/** Runs `work` in a transaction and starts the deliveries of the events it emitted after commit. */
export async function withEvents<R>(
  db: Db,
  work: (tx: Tx, emit: Emit) => Promise<R>,
): Promise<{ result: R; events: EmittedEvent[] }> {
  const events: EmittedEvent[] = [];
  const result = await inSpan("empfio.change", {}, () =>
    db.$transaction(async (tx) =>
      work(tx, (organizationId, type, data, options) =>
        inSpan("empfio.emit", { "empfio.event_type": type }, async (span) => {
          const event = await emitEvent(tx, organizationId, type, data, options);
          span?.setAttributes(emittedAttributes(event));
          events.push(event);
          return event;
        }),
      ),
    ),
  );
  for (const event of events) logEmitted(event);
  await handOver(
    db,
    events.flatMap((e) => e.deliveries.map((d) => d.endpointId)),
  );
  return { result, events };
}

/** What a trace says of an emitted event: its id and the deliveries it made. */
export function emittedAttributes(event: Pick<EmittedEvent, "id" | "deliveries">) {
  return { "empfio.event_id": event.id, "empfio.delivery_ids": event.deliveries.map((d) => d.id) };
}

/** One log line per committed event, with its deliveries' ids, to follow them to their attempts. */
export function logEmitted(event: Pick<EmittedEvent, "id" | "type" | "organizationId" | "deliveries">): void {
  logger.info(
    {
      event_id: event.id,
      event_type: event.type,
      organization_id: event.organizationId,
      delivery_ids: event.deliveries.map((d) => d.id),
    },
    "event emitted",
  );
}
