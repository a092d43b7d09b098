import "server-only";
import { applyAgentEvent } from "./agent-events";
import { SAME_PAYLOAD_WINDOW_MS } from "./claim-dedupe-key";
import { createLeadOnce } from "./create-lead-once";
import { handleInbound, processOnce } from "./handle-inbound";
import { commandOrThrow, readRawBodyOrThrow, verifiedOrThrow } from "./inbound-request";
import { parseAgentEvent } from "./parse-agent-event";
import { verifyInternalToken } from "./verify-internal-token";

/** POST /api/v1/webhooks/agent-event, for the Next.js route and the ingest tier alike. */
export function postAgentEvent(req: Request): Promise<Response> {
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
