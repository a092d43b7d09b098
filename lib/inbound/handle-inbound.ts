import { errorResponse } from "@/lib/api/api-route";
import { getDb, type Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { recordInboundRequest, type InboundLogEntry, type InboundOutcome } from "./record-inbound-request";

export type InboundResult = {
  outcome: Exclude<InboundOutcome, "rejected">;
  organizationId?: string;
  eventType?: string;
  reason?: string;
  effects?: Record<string, unknown>;
  body: Record<string, unknown>;
};

type Context = { db: Db; log: Partial<InboundLogEntry> };

/**
 * Runs an inbound webhook handler and logs the request whatever happens: a 2xx with its outcome,
 * or a 4xx as "rejected" (or "unmatched" for a 404) with the reason. Bad input writes nothing else.
 */
export async function handleInbound(source: InboundLogEntry["source"], handler: (ctx: Context) => Promise<InboundResult>): Promise<Response> {
  const startedAt = performance.now();
  const db = getDb();
  const log: Partial<InboundLogEntry> = { verification: "not_configured" };
  try {
    const result = await handler({ db, log });
    await recordInboundRequest(db, {
      ...log,
      source,
      startedAt,
      organizationId: result.organizationId ?? log.organizationId,
      eventType: result.eventType ?? log.eventType,
      verification: log.verification ?? "verified",
      outcome: result.outcome,
      httpStatus: 200,
      reason: result.reason ?? null,
      effects: (result.effects ?? null) as Prisma.InputJsonValue | null,
    });
    return Response.json(result.body);
  } catch (error) {
    const response = errorResponse(error);
    const known = error instanceof AppError;
    await recordInboundRequest(db, {
      ...log,
      source,
      startedAt,
      verification: log.verification ?? "failed",
      outcome: known && error.status === 404 ? "unmatched" : "rejected",
      httpStatus: response.status,
      reason: known ? error.message : "internal error",
    });
    return response;
  }
}
