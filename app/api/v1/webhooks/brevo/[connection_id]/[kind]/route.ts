import { AppError } from "@/lib/errors";
import { applyBrevoCommand } from "@/lib/inbound/brevo";
import { BREVO_KINDS, isBrevoKind } from "@/lib/inbound/brevo-webhook-schema";
import { SAME_PAYLOAD_WINDOW_MS } from "@/lib/inbound/claim-dedupe-key";
import { handleInbound, processOnce } from "@/lib/inbound/handle-inbound";
import { commandOrThrow, connectionOrThrow, readRawBodyOrThrow, verifiedOrThrow } from "@/lib/inbound/inbound-request";
import { parseBrevoWebhook } from "@/lib/inbound/parse-brevo-webhook";
import { verifyBrevoAuth } from "@/lib/inbound/verify-brevo-auth";
import { openSecret } from "@/lib/webhooks/endpoint-secrets";

type Params = { params: Promise<{ connection_id: string; kind: string }> };

export function POST(req: Request, { params }: Params) {
  return handleInbound("brevo", req, async ({ db, log }) => {
    const { connection_id, kind } = await params;
    const connection = await connectionOrThrow(db, log, "brevo", connection_id);
    if (!isBrevoKind(kind))
      throw new AppError(
        "not_found",
        `Unknown Brevo webhook "${kind.slice(0, 40)}": the URL ends in one of ${BREVO_KINDS.join(", ")}.`,
      );
    log.eventType = kind;
    const credentials = {
      bearerToken: connection.secretEncrypted && openSecret(connection.secretEncrypted),
      basic:
        connection.basicUsername && connection.basicPasswordEncrypted
          ? { username: connection.basicUsername, password: openSecret(connection.basicPasswordEncrypted) }
          : null,
    };
    verifiedOrThrow(verifyBrevoAuth(req.headers.get("authorization"), credentials), log);
    const raw = await readRawBodyOrThrow(req);
    const command = commandOrThrow(parseBrevoWebhook(kind, raw));
    // Brevo sends no event id: the same payload to the same URL within 60 s is one delivery.
    const event = {
      organizationId: connection.organizationId,
      eventType: kind,
      dedupeKey: `${connection.id}:${command.dedupeKey}`,
      windowMs: SAME_PAYLOAD_WINDOW_MS,
      exclusive: true,
    };
    return processOnce(db, event, (tx, emit) => applyBrevoCommand(tx, emit, connection.organizationId, command));
  });
}
