import { AppError } from "@/lib/errors";
import type { ParseResult } from "./parse-result";
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
export function verifiedOrThrow(result: VerificationResult, log: { verification?: "verified" | "failed" | "not_configured" }): void {
  if (!result.ok) {
    log.verification = "failed";
    throw new AppError("unauthorized", result.message);
  }
  log.verification = result.verification;
}
