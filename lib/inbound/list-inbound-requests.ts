import "server-only";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { INBOUND_OUTCOMES, INBOUND_SOURCES, type InboundLogEntry } from "./record-inbound-request";

export const listInboundRequestsQuery = z.object({
  source: z.enum(INBOUND_SOURCES, `source must be one of ${INBOUND_SOURCES.join(", ")}`).optional(),
  outcome: z.enum(INBOUND_OUTCOMES, `outcome must be one of ${INBOUND_OUTCOMES.join(", ")}`).optional(),
  connection_id: z.uuid("connection_id must be a UUID").optional(),
  limit: z.coerce
    .number("limit must be 1 to 100")
    .int("limit must be 1 to 100")
    .min(1, "limit must be 1 to 100")
    .max(100, "limit must be 1 to 100")
    .default(50),
  cursor: z.string().max(200).optional(),
});

/**
 * The organization's inbound log, newest first, keyset-paginated on (received_at, id): a deep
 * page costs what the first costs, and requests arriving meanwhile never shift a page.
 */
export async function listInboundRequests(
  db: Db,
  organizationId: string,
  q: z.output<typeof listInboundRequestsQuery>,
) {
  const where: Prisma.InboundRequestWhereInput = {
    organizationId,
    source: q.source,
    outcome: q.outcome,
    connectionId: q.connection_id,
  };
  if (q.cursor) {
    const { receivedAt, id } = decodeCursor(q.cursor);
    where.OR = [{ receivedAt: { lt: receivedAt } }, { receivedAt, id: { lt: id } }];
  }
  const rows = await db.inboundRequest.findMany({
    where,
    orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
    take: q.limit + 1,
  });
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return { rows: page, nextCursor: rows.length > q.limit && last ? encodeCursor(last.receivedAt, last.id) : null };
}

function encodeCursor(receivedAt: Date, id: bigint): string {
  return Buffer.from(`${receivedAt.toISOString()}|${id}`).toString("base64url");
}

function decodeCursor(cursor: string): { receivedAt: Date; id: bigint } {
  const [at, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const receivedAt = new Date(at);
  if (!id || !/^\d{1,19}$/.test(id) || Number.isNaN(receivedAt.getTime())) {
    throw new AppError("validation_failed", "cursor: not a cursor returned by this API", [
      { field: "cursor", message: "not a cursor returned by this API" },
    ]);
  }
  return { receivedAt, id: BigInt(id) };
}

// The columns hold only what recordInboundRequest writes.
type InboundRequestRow = {
  id: bigint;
  source: string;
  connectionId: string | null;
  eventType: string | null;
  receivedAt: Date;
  verification: string;
  outcome: string;
  httpStatus: number;
  reason: string | null;
  effects: unknown;
  durationMs: number;
};

export function inboundRequestJson(r: InboundRequestRow) {
  return {
    id: String(r.id),
    source: r.source as InboundLogEntry["source"],
    connection_id: r.connectionId,
    event_type: r.eventType,
    received_at: r.receivedAt.toISOString(),
    verification: r.verification as InboundLogEntry["verification"],
    outcome: r.outcome as InboundLogEntry["outcome"],
    http_status: r.httpStatus,
    reason: r.reason,
    effects: (r.effects ?? null) as Record<string, unknown> | null,
    duration_ms: r.durationMs,
  };
}
