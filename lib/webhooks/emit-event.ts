import { randomUUID } from "node:crypto";
import type { Db, Tx } from "@/lib/db/client";
import { inngest } from "@/inngest/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { logger } from "@/lib/logger";
import { parseEventData, type EventType } from "./event-catalogue";
import { serializeEnvelope } from "./envelope";
import { WEBHOOK_EVENT_CREATED } from "./inngest-events";

/** `handOver`: some enabled endpoint subscribes to it, so Inngest must get it after commit. */
export type EmittedEvent = { id: string; organizationId: string; type: string; handOver: boolean };
export type EmitOptions = { endpointId?: string; occurredAt?: Date };
export type Emit = (organizationId: string, type: EventType, data: unknown, options?: EmitOptions) => Promise<EmittedEvent>;

/**
 * Writes an event to the outbox inside the caller's transaction, so it exists if and only if
 * the change that caused it commits. The envelope is serialized here, once. An event that no
 * enabled endpoint subscribes to at this moment has nothing to deliver: it is stored as
 * already handed over, so it costs no Inngest event, fan-out run or sweep (most organizations
 * have no endpoint for most event types). The check matches `createDeliveries`.
 */
export async function emitEvent(tx: Tx, organizationId: string, type: EventType, data: unknown, options: EmitOptions = {}): Promise<EmittedEvent> {
  const event = outboxEvent(organizationId, type, data, options);
  const [row] = await tx.$queryRaw<{ hand_over: boolean }[]>(outboxInsert(event));
  return { id: event.id, organizationId, type, handOver: row.hand_over };
}

export type OutboxEvent = { id: string; organizationId: string; type: EventType; payload: string; occurredAt: Date; endpointId: string | null };

/** An event as the outbox stores it: its id and the envelope, validated and serialized once. */
export function outboxEvent(organizationId: string, type: EventType, data: unknown, options: EmitOptions = {}): OutboxEvent {
  const occurredAt = options.occurredAt ?? new Date();
  const payload = serializeEnvelope({ event: type, timestamp: occurredAt, organizationId, data: parseEventData(type, data) });
  return { id: randomUUID(), organizationId, type, payload, occurredAt, endpointId: options.endpointId ?? null };
}

/**
 * The outbox INSERT, answering `hand_over`. `from` makes it a part of a larger statement: the
 * row is written once per row of that source (none, if it is empty).
 */
export function outboxInsert(e: OutboxEvent, from: Prisma.Sql = Prisma.empty): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO webhook_events (id, organization_id, type, payload, occurred_at, endpoint_id, dispatched_at)
    SELECT ${e.id}::uuid, ${e.organizationId}::uuid, ${e.type}, ${e.payload}, ${e.occurredAt}, ${e.endpointId}::uuid,
      CASE WHEN EXISTS (
        SELECT 1 FROM webhook_endpoints ep WHERE ep.organization_id = ${e.organizationId}::uuid AND ep.enabled
          AND CASE WHEN ${e.endpointId}::uuid IS NULL THEN ${e.type} = ANY (ep.event_types) ELSE ep.id = ${e.endpointId}::uuid END
      ) THEN NULL ELSE now() END
    ${from}
    RETURNING dispatched_at IS NULL AS hand_over`;
}

/** Runs `work` in a transaction and hands the events it emitted to Inngest after commit. */
export async function withEvents<R>(db: Db, work: (tx: Tx, emit: Emit) => Promise<R>): Promise<{ result: R; events: EmittedEvent[] }> {
  const events: EmittedEvent[] = [];
  const result = await db.$transaction(async (tx) =>
    work(tx, async (organizationId, type, data, options) => {
      const event = await emitEvent(tx, organizationId, type, data, options);
      events.push(event);
      return event;
    }),
  );
  await dispatchEvents(db, events.filter((e) => e.handOver).map((e) => e.id));
  return { result, events };
}

/**
 * Sends outbox events to Inngest with the event id as idempotency key, then marks them sent.
 * A failure is logged, not thrown: the change is committed, and the outbox sweeper retries.
 */
export async function dispatchEvents(db: Db, eventIds: string[]): Promise<number> {
  if (eventIds.length === 0) return 0;
  try {
    await inngest.send(eventIds.map((eventId) => ({ id: eventId, name: WEBHOOK_EVENT_CREATED, data: { eventId } })));
  } catch (error) {
    logger.warn({ err: (error as Error).message, count: eventIds.length }, "could not hand events to Inngest; the outbox sweeper will retry");
    return 0;
  }
  await db.webhookEvent.updateMany({ where: { id: { in: eventIds } }, data: { dispatchedAt: new Date() } });
  return eventIds.length;
}

/** Events committed but never handed over (Inngest down, crash right after commit). */
export async function sweepOutbox(db: Db, olderThanMs = 10_000, batch = 500): Promise<number> {
  const stale = await db.webhookEvent.findMany({
    where: { dispatchedAt: null, createdAt: { lt: new Date(Date.now() - olderThanMs) } },
    select: { id: true },
    orderBy: { createdAt: "asc" },
    take: batch,
  });
  return dispatchEvents(db, stale.map((e) => e.id));
}
