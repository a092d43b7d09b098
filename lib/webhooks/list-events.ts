import "server-only";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { decodeCursor, encodeCursor } from "./keyset-cursor";

export const listEventsQuery = z.object({
  type: z.string().max(100).optional(),
  since: z.iso.datetime({ offset: true, message: "since must be an ISO 8601 time" }).optional(),
  until: z.iso.datetime({ offset: true, message: "until must be an ISO 8601 time" }).optional(),
  limit: z.coerce.number().int().min(1, "limit must be 1 to 100").max(100, "limit must be 1 to 100").default(25),
  cursor: z.string().max(200).optional(),
});

export type ListEventsQuery = z.output<typeof listEventsQuery>;

export type EventRow = {
  id: string;
  type: string;
  occurredAt: Date;
  createdAt: Date;
  endpointId: string | null;
  deliveries: { total: number; succeeded: number; failed: number; pending: number };
};

/**
 * The event log: every event the organization emitted (whether or not an endpoint took it),
 * newest first, keyset-paginated on (created_at, id) like the delivery log, each with its
 * deliveries counted by status.
 */
export async function listEvents(db: Db, organizationId: string, q: ListEventsQuery) {
  const conditions: Prisma.Sql[] = [Prisma.sql`ev.organization_id = ${organizationId}::uuid`];
  if (q.type) conditions.push(Prisma.sql`ev.type = ${q.type}`);
  if (q.since) conditions.push(Prisma.sql`ev.created_at >= ${new Date(q.since)}`);
  if (q.until) conditions.push(Prisma.sql`ev.created_at < ${new Date(q.until)}`);
  if (q.cursor) {
    const [createdAt, id] = decodeCursor(q.cursor);
    conditions.push(Prisma.sql`(ev.created_at, ev.id) < (${createdAt}, ${id}::uuid)`);
  }
  const rows = await db.$queryRaw<EventRow[]>`
    SELECT ev.id, ev.type, ev.occurred_at AS "occurredAt", ev.created_at AS "createdAt", ev.endpoint_id AS "endpointId",
           json_build_object('total', c.total, 'succeeded', c.succeeded, 'failed', c.failed, 'pending', c.pending) AS deliveries
    FROM webhook_events ev
    CROSS JOIN LATERAL (
      SELECT count(*)::int AS total,
             (count(*) FILTER (WHERE d.status = 'succeeded'))::int AS succeeded,
             (count(*) FILTER (WHERE d.status = 'failed'))::int AS failed,
             (count(*) FILTER (WHERE d.status = 'pending'))::int AS pending
      FROM webhook_deliveries d WHERE d.event_id = ev.id
    ) c
    WHERE ${Prisma.join(conditions, " AND ")}
    ORDER BY ev.created_at DESC, ev.id DESC
    LIMIT ${q.limit + 1}`;
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return { rows: page, nextCursor: rows.length > q.limit && last ? encodeCursor(last.createdAt, last.id) : null };
}
