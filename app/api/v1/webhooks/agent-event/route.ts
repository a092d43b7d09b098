import { AppError } from "@/lib/errors";
import { applyAgentEvent } from "@/lib/inbound/agent-events";
import { SAME_PAYLOAD_WINDOW_MS } from "@/lib/inbound/claim-dedupe-key";
import { handleInbound, processOnce } from "@/lib/inbound/handle-inbound";
import { commandOrThrow, readRawBodyOrThrow, verifiedOrThrow } from "@/lib/inbound/inbound-request";
import { parseAgentEvent } from "@/lib/inbound/parse-agent-event";
import { verifyInternalToken } from "@/lib/inbound/verify-internal-token";

export function POST(req: Request) {
  return handleInbound("agent", async ({ db, log }) => {
    verifiedOrThrow(verifyInternalToken(req.headers.get("authorization"), process.env.INTERNAL_AUTH_TOKEN), log);
    const event = commandOrThrow(parseAgentEvent(await readRawBodyOrThrow(req)));
    log.eventType = event.type;
    const org = await db.organization.findUnique({ where: { id: event.organization_id }, select: { id: true } });
    if (!org) throw new AppError("not_found", `Organization ${event.organization_id} not found`);
    log.organizationId = org.id;
    return processOnce(db, { organizationId: org.id, eventType: event.type, dedupeKey: event.dedupeKey, windowMs: SAME_PAYLOAD_WINDOW_MS }, (tx, emit) => applyAgentEvent(tx, emit, event));
  });
}
