import { AppError } from "@/lib/errors";
import { applyAgentEvent } from "@/lib/inbound/agent-events";
import { claimDedupeKey } from "@/lib/inbound/claim-dedupe-key";
import { handleInbound } from "@/lib/inbound/handle-inbound";
import { commandOrThrow, readRawBodyOrThrow, verifiedOrThrow } from "@/lib/inbound/inbound-request";
import { parseAgentEvent } from "@/lib/inbound/parse-agent-event";
import { verifyInternalToken } from "@/lib/inbound/verify-internal-token";
import { withEvents } from "@/lib/webhooks/emit-event";

// The seed: the same event again within 60 seconds is discarded with {"status": "duplicate"}.
const DEDUPE_WINDOW_MS = 60_000;

export function POST(req: Request) {
  return handleInbound("agent", async ({ db, log }) => {
    verifiedOrThrow(verifyInternalToken(req.headers.get("authorization"), process.env.INTERNAL_AUTH_TOKEN), log);
    const event = commandOrThrow(parseAgentEvent(await readRawBodyOrThrow(req)));
    log.eventType = event.type;
    const org = await db.organization.findUnique({ where: { id: event.organization_id }, select: { id: true } });
    if (!org) throw new AppError("not_found", `Organization ${event.organization_id} not found`);
    log.organizationId = org.id;
    const { result, events } = await withEvents(db, async (tx, emit) => {
      if (!(await claimDedupeKey(tx, `agent:${event.dedupeKey}`, DEDUPE_WINDOW_MS))) return null;
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
