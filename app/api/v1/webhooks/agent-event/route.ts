import { parseWith } from "@/lib/api/api-route";
import { AppError } from "@/lib/errors";
import { agentEventSchema, applyAgentEvent } from "@/lib/inbound/agent-events";
import { claimDedupeKey } from "@/lib/inbound/claim-dedupe-key";
import { handleInbound } from "@/lib/inbound/handle-inbound";
import { canonicalJson, constantTimeEqual, parseJson, readRawBody, sha256 } from "@/lib/inbound/inbound-request";
import { withEvents } from "@/lib/webhooks/emit-event";

// The seed: the same event again within 60 seconds is discarded with {"status": "duplicate"}.
const DEDUPE_WINDOW_MS = 60_000;

export function POST(req: Request) {
  return handleInbound("agent", async ({ db, log }) => {
    const token = process.env.INTERNAL_AUTH_TOKEN;
    const presented = req.headers.get("authorization")?.match(/^Bearer\s+(.+)$/i)?.[1] ?? "";
    if (!token) throw new AppError("unauthorized", "Agent events are disabled: INTERNAL_AUTH_TOKEN is not configured.");
    if (!constantTimeEqual(presented, token)) {
      log.verification = "failed";
      throw new AppError("unauthorized", "Missing or wrong bearer token (INTERNAL_AUTH_TOKEN).");
    }
    log.verification = "verified";
    const event = parseWith(agentEventSchema, parseJson(await readRawBody(req)));
    log.eventType = event.type;
    const org = await db.organization.findUnique({ where: { id: event.organization_id }, select: { id: true } });
    if (!org) throw new AppError("not_found", `Organization ${event.organization_id} not found`);
    log.organizationId = org.id;
    const key = `agent:${sha256(canonicalJson({ type: event.type, organization_id: event.organization_id, data: event.data }))}`;
    const { result, events } = await withEvents(db, async (tx, emit) => {
      if (!(await claimDedupeKey(tx, key, DEDUPE_WINDOW_MS))) return null;
      return applyAgentEvent(tx, emit, event);
    });
    if (!result) return { outcome: "duplicate", organizationId: org.id, eventType: event.type, body: { status: "duplicate" } };
    return {
      outcome: "processed",
      organizationId: org.id,
      eventType: event.type,
      effects: { ...result, events: events.map((e) => e.type) },
      body: { status: "processed", ...result },
    };
  });
}
