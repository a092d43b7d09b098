import "server-only";
import { AppError } from "@/lib/errors";
import { openSecret } from "@/lib/webhooks/endpoint-secrets";
import { applyBrevoCommand } from "./brevo";
import { BREVO_KINDS, isBrevoKind } from "./brevo-webhook-schema";
import { SAME_PAYLOAD_WINDOW_MS } from "./claim-dedupe-key";
import { handleInbound, processOnce } from "./handle-inbound";
import { commandOrThrow, connectionOrThrow, readRawBodyOrThrow, verifiedOrThrow } from "./inbound-request";
import { parseBrevoWebhook } from "./parse-brevo-webhook";
import { verifyBrevoAuth } from "./verify-brevo-auth";

/** POST /api/v1/webhooks/brevo/[connection_id]/[kind], for the Next.js route and the ingest tier alike. */
export function postBrevoWebhook(req: Request, connectionId: string, kind: string): Promise<Response> {
  return handleInbound("brevo", req, async ({ db, log }) => {
    const connection = await connectionOrThrow(db, log, "brevo", connectionId);
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
