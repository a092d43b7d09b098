import "server-only";
import { z } from "zod";
import type { DeliveryRow } from "@/lib/api/serializers";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { decodeCursor, encodeCursor } from "./keyset-cursor";

/** The delivery log's filters, shared by the list and "retry all matching". */
export const deliveryFilters = z.object({
  endpoint_id: z.uuid("endpoint_id must be a UUID").optional(),
  status: z.enum(["pending", "succeeded", "failed"], "status must be pending, succeeded or failed").optional(),
  event_type: z.string().max(100).optional(),
  since: z.iso.datetime({ offset: true, message: "since must be an ISO 8601 time" }).optional(),
  until: z.iso.datetime({ offset: true, message: "until must be an ISO 8601 time" }).optional(),
});

export const listDeliveriesQuery = deliveryFilters.extend({
  limit: z.coerce.number().int().min(1, "limit must be 1 to 100").max(100, "limit must be 1 to 100").default(25),
  cursor: z.string().max(200).optional(),
});

export type DeliveryFilters = z.output<typeof deliveryFilters>;
export type ListDeliveriesQuery = z.output<typeof listDeliveriesQuery>;

// The serializer's row, with the endpoint's URL joined in.
type Row = Omit<DeliveryRow, "endpoint"> & { endpointUrl: string };

/** The WHERE conditions on `webhook_deliveries d` for an organization's filtered log. */
export function deliveryConditions(organizationId: string, f: DeliveryFilters): Prisma.Sql[] {
  const conditions: Prisma.Sql[] = [Prisma.sql`d.organization_id = ${organizationId}::uuid`];
  if (f.endpoint_id) conditions.push(Prisma.sql`d.endpoint_id = ${f.endpoint_id}::uuid`);
  if (f.status) conditions.push(Prisma.sql`d.status = ${f.status}::"DeliveryStatus"`);
  if (f.event_type) conditions.push(Prisma.sql`d.event_type = ${f.event_type}`);
  if (f.since) conditions.push(Prisma.sql`d.created_at >= ${new Date(f.since)}`);
  if (f.until) conditions.push(Prisma.sql`d.created_at < ${new Date(f.until)}`);
  return conditions;
}

/**
 * Newest first, keyset-paginated on (created_at, id): a page deep in the log costs what the
 * first page costs, and rows arriving meanwhile never shift or repeat a page.
 */
export async function listDeliveries(db: Db, organizationId: string, q: ListDeliveriesQuery) {
  const conditions = deliveryConditions(organizationId, q);
  if (q.cursor) {
    const [createdAt, id] = decodeCursor(q.cursor);
    conditions.push(Prisma.sql`(d.created_at, d.id) < (${createdAt}, ${id}::uuid)`);
  }
  const rows = await db.$queryRaw<Row[]>`
    SELECT d.id, d.event_id AS "eventId", d.endpoint_id AS "endpointId", d.event_type AS "eventType", d.status,
           d.attempt_count AS "attemptCount", d.last_status_code AS "lastStatusCode", d.last_error AS "lastError",
           d.next_attempt_at AS "nextAttemptAt", d.is_test AS "isTest", d.is_replay AS "isReplay",
           d.created_at AS "createdAt", d.updated_at AS "updatedAt", d.completed_at AS "completedAt",
           e.url AS "endpointUrl"
    FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id
    WHERE ${Prisma.join(conditions, " AND ")}
    ORDER BY d.created_at DESC, d.id DESC
    LIMIT ${q.limit + 1}`;
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    rows: page.map((r) => ({ ...r, endpoint: { url: r.endpointUrl } })),
    nextCursor: rows.length > q.limit && last ? encodeCursor(last.createdAt, last.id) : null,
  };
}
