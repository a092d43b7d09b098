import "server-only";
import { randomUUID } from "node:crypto";
import type { Db, Tx } from "@/lib/db/client";
import { inngest } from "@/inngest/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { logger } from "@/lib/logger";
import { parseEventData, type EventType } from "./event-catalogue";
import { serializeEnvelope } from "./envelope";
import { createDeliveries } from "./create-deliveries";
import { firstRun } from "./inngest-events";

/** A delivery the emit created, to be started after commit. */
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
 * enabled endpoint subscribed to it (or the one endpoint a sample targets), in the same
 * statement. The envelope is serialized here, once. After commit only the deliveries' runs are
 * left to start (`withEvents`); there is no fan-out run to wait for or to fail. An event with no
 * delivery is stored as already handed over, so it costs no Inngest event and no sweep (most
 * organizations have no endpoint for most event types).
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
 * `deliveries`, the last answering id and endpoint_id), for a statement's WITH clause. `from`
 * makes them part of a larger statement: the event is written once per row of that source (not
 * at all if it is empty, and then no delivery either).
 */
export function outboxCtes(e: OutboxEvent, from: Prisma.Sql = Prisma.empty): Prisma.Sql {
  return Prisma.sql`
    subscribed AS (
      SELECT ep.id FROM webhook_endpoints ep WHERE ep.organization_id = ${e.organizationId}::uuid AND ep.enabled
        AND CASE WHEN ${e.endpointId}::uuid IS NULL THEN ${e.type} = ANY (ep.event_types) ELSE ep.id = ${e.endpointId}::uuid END
      -- An endpoint being deleted is waited for and then skipped, instead of failing the
      -- caller's change on the delivery's foreign key; a delete waits for this transaction.
      FOR KEY SHARE
    ),
    outbox AS (
      INSERT INTO webhook_events (id, organization_id, type, payload, occurred_at, endpoint_id, dispatched_at)
      SELECT ${e.id}::uuid, ${e.organizationId}::uuid, ${e.type}, ${e.payload}, ${e.occurredAt}, ${e.endpointId}::uuid,
        CASE WHEN EXISTS (SELECT 1 FROM subscribed) THEN NULL ELSE now() END
      ${from}
      RETURNING id
    ),
    deliveries AS (
      INSERT INTO webhook_deliveries (id, organization_id, event_id, endpoint_id, event_type, updated_at)
      SELECT gen_random_uuid(), ${e.organizationId}::uuid, outbox.id, subscribed.id, ${e.type}, now() FROM outbox, subscribed
      RETURNING id::text, endpoint_id::text
    )`;
}

/** Runs `work` in a transaction and starts the deliveries of the events it emitted after commit. */
export async function withEvents<R>(
  db: Db,
  work: (tx: Tx, emit: Emit) => Promise<R>,
): Promise<{ result: R; events: EmittedEvent[] }> {
  const events: EmittedEvent[] = [];
  const result = await db.$transaction(async (tx) =>
    work(tx, async (organizationId, type, data, options) => {
      const event = await emitEvent(tx, organizationId, type, data, options);
      events.push(event);
      return event;
    }),
  );
  await handOver(
    db,
    events.filter((e) => e.deliveries.length > 0),
  );
  return { result, events };
}

type HandOverLine = {
  waiting: { events: { id: string; deliveries: NewDelivery[] }[]; done: () => void }[];
  busy: boolean;
};
const lines = new WeakMap<Db, HandOverLine>();

/**
 * `startDeliveries` for committed events, shared by concurrent callers of this process: while
 * one hand-over is in flight, the events of callers arriving meanwhile wait and then go together
 * in the next, so under load a send and its mark carry many events instead of one each. An idle
 * caller goes at once (no timer). Resolves when the caller's events were handed over, or left
 * to the sweeper.
 */
export function handOver(db: Db, events: { id: string; deliveries: NewDelivery[] }[]): Promise<void> {
  if (events.length === 0) return Promise.resolve();
  const line = lines.get(db) ?? { waiting: [], busy: false };
  lines.set(db, line);
  return new Promise((done) => {
    line.waiting.push({ events, done });
    if (!line.busy) void drain(db, line);
  });
}

async function drain(db: Db, line: HandOverLine) {
  line.busy = true;
  try {
    while (line.waiting.length > 0) {
      const group = line.waiting.splice(0);
      try {
        await startDeliveries(
          db,
          group.flatMap((w) => w.events),
        );
      } catch (error) {
        logger.warn({ err: (error as Error).message }, "hand-over failed; the outbox sweeper will retry");
      } finally {
        for (const w of group) w.done();
      }
    }
  } finally {
    line.busy = false;
  }
}

/** Deliveries per `inngest.send`: each is ~300 bytes, well under event APIs' request size limits. */
const DELIVERIES_PER_SEND = 200;

/**
 * Hands the events' deliveries to Inngest, one run each (the delivery id makes the Inngest event
 * id, so a re-send never starts a delivery twice), in sends of at most DELIVERIES_PER_SEND, and
 * marks each send's events handed over after it. A failure is logged, not thrown: the change is
 * committed, and the outbox sweeper retries what was not handed over. Answers the events handed over.
 */
export async function startDeliveries(db: Db, events: { id: string; deliveries: NewDelivery[] }[]): Promise<number> {
  let handed = 0;
  for (const batch of sendBatches(events)) {
    const deliveries = batch.flatMap((e) => e.deliveries);
    try {
      for (let i = 0; i < deliveries.length; i += DELIVERIES_PER_SEND)
        await inngest.send(deliveries.slice(i, i + DELIVERIES_PER_SEND).map(firstRun));
      await db.webhookEvent.updateMany({
        where: { id: { in: batch.map((e) => e.id) } },
        data: { dispatchedAt: new Date() },
      });
    } catch (error) {
      logger.warn(
        { err: (error as Error).message, count: events.length - handed },
        "could not hand events to Inngest; the outbox sweeper will retry",
      );
      break;
    }
    handed += batch.length;
  }
  return handed;
}

/** Whole events, grouped so a group has at most `max` deliveries (unless one event alone has more). */
export function sendBatches<E extends { deliveries: unknown[] }>(events: E[], max = DELIVERIES_PER_SEND): E[][] {
  const batches: E[][] = [];
  let current: E[] = [];
  let size = 0;
  for (const e of events) {
    if (current.length > 0 && size + e.deliveries.length > max) {
      batches.push(current);
      current = [];
      size = 0;
    }
    current.push(e);
    size += e.deliveries.length;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/**
 * Events committed but never handed over (Inngest down, crash right after commit): their pending
 * deliveries are started. An event with no delivery row at all was written before the fan-out
 * moved into the emit; it gets its deliveries made here first, as the old fan-out run did.
 */
export async function sweepOutbox(db: Db, olderThanMs = 10_000, batch = 500): Promise<number> {
  const where = { dispatchedAt: null, createdAt: { lt: new Date(Date.now() - olderThanMs) } };
  const legacy = await db.webhookEvent.findMany({
    where: { ...where, deliveries: { none: {} } },
    select: { id: true },
    take: batch,
  });
  for (const e of legacy) await createDeliveries(db, e.id);
  const stale = await db.webhookEvent.findMany({
    where,
    select: { id: true, deliveries: { where: { status: "pending" }, select: { id: true, endpointId: true } } },
    orderBy: { createdAt: "asc" },
    take: batch,
  });
  return startDeliveries(db, stale);
}
