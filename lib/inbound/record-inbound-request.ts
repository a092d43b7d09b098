import "server-only";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { logger } from "@/lib/logger";

export const INBOUND_SOURCES = ["agent", "calcom", "varda", "brevo"] as const;
export const INBOUND_OUTCOMES = ["processed", "duplicate", "ignored", "unmatched", "rejected"] as const;
export type InboundOutcome = (typeof INBOUND_OUTCOMES)[number];

export type InboundLogEntry = {
  source: (typeof INBOUND_SOURCES)[number];
  organizationId?: string | null;
  connectionId?: string | null;
  eventType?: string | null;
  verification: "verified" | "failed" | "not_configured";
  outcome: InboundOutcome;
  httpStatus: number;
  reason?: string | null;
  effects?: Prisma.InputJsonValue | null;
  startedAt: number;
};

/**
 * One row per inbound request, whatever became of it; an authenticated request to a connection's
 * URL also moves the connection's last_received_at. Never fails the request it describes.
 */
export async function recordInboundRequest(db: Db, entry: InboundLogEntry): Promise<void> {
  try {
    await Promise.all([
      db.inboundRequest.create({
        data: {
          source: entry.source,
          organizationId: entry.organizationId ?? null,
          connectionId: entry.connectionId ?? null,
          eventType: entry.eventType ?? null,
          verification: entry.verification,
          outcome: entry.outcome,
          httpStatus: entry.httpStatus,
          reason: entry.reason ?? null,
          effects: entry.effects ?? undefined,
          durationMs: Math.round(performance.now() - entry.startedAt),
        },
      }),
      entry.connectionId && entry.verification === "verified"
        ? db.integrationConnection.updateMany({
            where: { id: entry.connectionId },
            data: { lastReceivedAt: new Date() },
          })
        : null,
    ]);
  } catch (error) {
    // The log is for the owner's insight; losing one line must not turn a 200 into a 500.
    logger.warn({ err: (error as Error).message, source: entry.source }, "could not record an inbound request");
  }
}
