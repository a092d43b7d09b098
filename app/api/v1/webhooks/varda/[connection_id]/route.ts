import { REDELIVERY_WINDOW_MS } from "@/lib/inbound/claim-dedupe-key";
import { handleInbound, processOnce } from "@/lib/inbound/handle-inbound";
import { commandOrThrow, connectionOrThrow, readRawBodyOrThrow, verifiedOrThrow } from "@/lib/inbound/inbound-request";
import { parseVardaEvent } from "@/lib/inbound/parse-varda-event";
import { applyVardaCommand } from "@/lib/inbound/varda";
import { verifyVardaSignature } from "@/lib/inbound/verify-varda-signature";
import { openSecret } from "@/lib/webhooks/endpoint-secrets";

type Params = { params: Promise<{ connection_id: string }> };

export function POST(req: Request, { params }: Params) {
  return handleInbound("varda", req, async ({ db, log }) => {
    const connection = await connectionOrThrow(db, log, "varda", (await params).connection_id);
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
