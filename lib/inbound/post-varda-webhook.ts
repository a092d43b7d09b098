import "server-only";
import { openSecret } from "@/lib/webhooks/endpoint-secrets";
import { REDELIVERY_WINDOW_MS } from "./claim-dedupe-key";
import { handleInbound, processOnce } from "./handle-inbound";
import { commandOrThrow, connectionOrThrow, readRawBodyOrThrow, verifiedOrThrow } from "./inbound-request";
import { parseVardaEvent } from "./parse-varda-event";
import { applyVardaCommand } from "./varda";
import { verifyVardaSignature } from "./verify-varda-signature";

/** POST /api/v1/webhooks/varda/[connection_id], for the Next.js route and the ingest tier alike. */
export function postVardaWebhook(req: Request, connectionId: string): Promise<Response> {
  return handleInbound("varda", req, async ({ db, log }) => {
    const connection = await connectionOrThrow(db, log, "varda", connectionId);
    const raw = await readRawBodyOrThrow(req);
    const secret = connection.secretEncrypted && openSecret(connection.secretEncrypted);
    verifiedOrThrow(verifyVardaSignature({ rawBody: raw, header: req.headers.get("x-varda-signature"), secret }), log);
    const command = commandOrThrow(parseVardaEvent(raw, connection.id));
    log.eventType = command.event;
    if (command.kind === "ignored")
      return { outcome: "ignored", eventType: command.event, reason: command.reason, body: { status: "ignored" } };
    // Varda's event ids are its own account's: the key is scoped to this connection.
    const event = {
      organizationId: connection.organizationId,
      eventType: command.event,
      dedupeKey: `${connection.id}:${command.dedupeKey}`,
      windowMs: REDELIVERY_WINDOW_MS,
      exclusive: true,
    };
    return processOnce(db, event, (tx, emit) => applyVardaCommand(tx, emit, connection.organizationId, command));
  });
}
