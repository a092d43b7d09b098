import "server-only";
import { errorResponse } from "@/lib/api/error-response";
import { getDb, type Db, type Tx } from "@/lib/db/client";
import { clientAddress, trustedProxyHops } from "@/lib/auth/client-address";
import { asAppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { logger } from "@/lib/logger";
import { observeHttpRequest, observeInboundRequest } from "@/lib/metrics/observe";
import { inSpan } from "@/lib/tracing/tracing";
import { withEvents, type Emit } from "@/lib/webhooks/emit-event";
import { claimDedupeKey } from "./claim-dedupe-key";
import { limitRejectedRequests } from "./limit-rejected-requests";
import { recordInboundRequest, type InboundLogEntry, type InboundOutcome } from "./record-inbound-request";

export type InboundResult = {
  outcome: Exclude<InboundOutcome, "rejected">;
  organizationId?: string;
  eventType?: string;
  reason?: string;
  effects?: Record<string, unknown>;
  body: Record<string, unknown>;
  /** The handler wrote the inbound log row in its own statement (the new_lead fast path). */
  logged?: boolean;
};

export type InboundContext = { db: Db; log: Partial<InboundLogEntry> & { startedAt: number } };

/**
 * Runs an inbound webhook handler and logs the request whatever happens: a 2xx with its outcome,
 * or a 4xx as "rejected" (or "unmatched" for a 404) with the reason. Bad input writes nothing else;
 * unverified rejected requests past their limit (per URL and source address) answer 429 and are not
 * logged.
 * A handler that wrote its own success row in its statement says so (`logged`).
 */
export async function handleInbound(
  source: InboundLogEntry["source"],
  req: Request,
  handler: (ctx: InboundContext) => Promise<InboundResult>,
): Promise<Response> {
  const startedAt = performance.now();
  return inSpan("inbound.request", { "empfio.source": source }, async (span) => {
    const { response, outcome } = await answerInbound(source, req, handler, startedAt);
    span?.setAttributes({ "empfio.outcome": outcome, "http.response.status_code": response.status });
    observeInboundRequest(source, outcome);
    observeHttpRequest(INBOUND_ROUTES[source], "POST", response.status, startedAt);
    logger.info({ source, outcome, status: response.status }, "inbound request");
    return response;
  });
}

/** The route patterns, for metrics (each source's routes share one handler). */
const INBOUND_ROUTES: Record<InboundLogEntry["source"], string> = {
  agent: "/api/v1/webhooks/agent-event",
  calcom: "/api/v1/webhooks/calcom",
  varda: "/api/v1/webhooks/varda/[connection_id]",
  brevo: "/api/v1/webhooks/brevo/[connection_id]/[kind]",
};

async function answerInbound(
  source: InboundLogEntry["source"],
  req: Request,
  handler: (ctx: InboundContext) => Promise<InboundResult>,
  startedAt: number,
): Promise<{ response: Response; outcome: InboundOutcome }> {
  const db = getDb();
  const log: InboundContext["log"] = { verification: "not_configured", startedAt };
  try {
    const result = await handler({ db, log });
    if (result.logged) return { response: Response.json(result.body), outcome: result.outcome };
    await recordInboundRequest(db, {
      ...log,
      source,
      organizationId: result.organizationId ?? log.organizationId,
      eventType: result.eventType ?? log.eventType,
      verification: log.verification ?? "verified",
      outcome: result.outcome,
      httpStatus: 200,
      reason: result.reason ?? null,
      effects: (result.effects ?? null) as Prisma.InputJsonValue | null,
    });
    return { response: Response.json(result.body), outcome: result.outcome };
  } catch (error) {
    // A verified sender is the provider itself: its mistakes are the owner's to see, unlimited.
    if (log.verification !== "verified") {
      const address = clientAddress(req.headers.get("x-forwarded-for"), trustedProxyHops());
      const limited = await limitRejectedRequests(db, source, log.connectionId, address);
      if (limited) return { response: errorResponse(limited), outcome: "rejected" };
    }
    const response = errorResponse(error);
    const known = asAppError(error);
    const outcome = known?.status === 404 ? "unmatched" : "rejected";
    await recordInboundRequest(db, {
      ...log,
      source,
      verification: log.verification ?? "failed",
      outcome,
      httpStatus: response.status,
      reason: known ? known.message : "internal error",
    });
    return { response, outcome };
  }
}

/**
 * The change an inbound event makes, at most once: the dedupe key is claimed and `apply` runs
 * in one transaction with the events it emits. A key claimed within its window, or `apply`
 * answering null (the sender's record is already known), answers `{"status": "duplicate"}`.
 * `exclusive`: the organization's exclusive events run one at a time, so events about one new
 * contact arriving together find each other's lead instead of racing to create it.
 * `checkOrganization`: the organization id came from the request body, so it must exist (404).
 */
export async function processOnce(
  db: Db,
  event: {
    organizationId: string;
    eventType: string;
    dedupeKey: string;
    windowMs: number;
    exclusive?: boolean;
    checkOrganization?: boolean;
  },
  apply: (tx: Tx, emit: Emit) => Promise<Record<string, unknown> | null>,
): Promise<InboundResult> {
  const { organizationId, eventType } = event;
  const { result, events } = await withEvents(db, async (tx, emit) => {
    if (event.exclusive)
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`inbound:${organizationId}`}, 0))`;
    const claimed = await claimDedupeKey(
      tx,
      event.dedupeKey,
      event.windowMs,
      event.checkOrganization ? organizationId : undefined,
    );
    return claimed ? apply(tx, emit) : null;
  });
  if (!result) return { outcome: "duplicate", organizationId, eventType, body: { status: "duplicate" } };
  return {
    outcome: "processed",
    organizationId,
    eventType,
    effects: { ...result, events: events.map((e) => e.type) },
    body: { status: "processed", ...result },
  };
}
