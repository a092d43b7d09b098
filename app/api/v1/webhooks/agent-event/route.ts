import { applyAgentEvent } from "@/lib/inbound/agent-events";
import { SAME_PAYLOAD_WINDOW_MS } from "@/lib/inbound/claim-dedupe-key";
import { createLeadOnce } from "@/lib/inbound/create-lead-once";
import { handleInbound, processOnce } from "@/lib/inbound/handle-inbound";
import { commandOrThrow, readRawBodyOrThrow, verifiedOrThrow } from "@/lib/inbound/inbound-request";
import { parseAgentEvent } from "@/lib/inbound/parse-agent-event";
import { verifyInternalToken } from "@/lib/inbound/verify-internal-token";

export function POST(req: Request) {
  return handleInbound("agent", req, async ({ db, log }) => {
    verifiedOrThrow(verifyInternalToken(req.headers.get("authorization"), process.env.INTERNAL_AUTH_TOKEN), log);
    const event = commandOrThrow(parseAgentEvent(await readRawBodyOrThrow(req)));
    log.eventType = event.type;
    const organizationId = event.organization_id;
    const once = { organizationId, dedupeKey: event.dedupeKey, windowMs: SAME_PAYLOAD_WINDOW_MS };
    // The most frequent event, in one statement that also writes its inbound log row.
    if (event.type === "new_lead") return createLeadOnce(db, { ...once, lead: event.data }, log);
    // processOnce checks that the organization exists; the log names it only from then on (its
    // row references the organization), so a request failing later is still the owner's to see.
    return processOnce(db, { ...once, eventType: event.type, checkOrganization: true }, (tx, emit) => {
      log.organizationId = organizationId;
      return applyAgentEvent(tx, emit, event);
    });
  });
}
