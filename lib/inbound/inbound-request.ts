import "server-only";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/ids";
import { PROVIDER_NAMES, type Provider } from "@/lib/integrations/connections";
import type { ParseResult } from "./parse-result";
import type { InboundLogEntry } from "./record-inbound-request";
import { readRawBody } from "./read-raw-body";
import type { VerificationResult } from "./verification-result";

// Route-side glue: the inbound parsers and verifiers answer with results; route handlers throw
// them as AppErrors, which handleInbound logs and answers as `{ "error": … }`.

export async function readRawBodyOrThrow(req: Request): Promise<Buffer> {
  const result = await readRawBody(req);
  if (!result.ok) throw new AppError("payload_too_large", result.message);
  return result.body;
}

export function commandOrThrow<T>(result: ParseResult<T>): T {
  if (result.ok) return result.command;
  throw new AppError(result.code, result.message, result.details);
}

/** Throws a 401 for a failed verification; notes the verification for the inbound log. */
export function verifiedOrThrow(
  result: VerificationResult,
  log: { verification?: "verified" | "failed" | "not_configured" },
): void {
  if (!result.ok) {
    log.verification = "failed";
    throw new AppError("unauthorized", result.message);
  }
  log.verification = result.verification;
}

/**
 * The connection a per-connection URL names, noted for the inbound log (so its owner sees even
 * the rejected requests). None for this provider: 404, which the log records as unmatched.
 */
export async function connectionOrThrow(
  db: Db,
  log: Partial<InboundLogEntry>,
  provider: Provider,
  connectionId: string,
) {
  const connection = isUuid(connectionId)
    ? await db.integrationConnection.findFirst({ where: { id: connectionId, provider } })
    : null;
  if (!connection)
    throw new AppError(
      "not_found",
      `No ${PROVIDER_NAMES[provider]} connection with this URL: copy the webhook URL from Settings → Integrations.`,
    );
  log.connectionId = connection.id;
  log.organizationId = connection.organizationId;
  return connection;
}
