import "server-only";
import { createHmac } from "node:crypto";
import { hexDigestEqual } from "./constant-time-equal";
import { rejected, verified, type VerificationResult } from "./verification-result";

/**
 * Cal.com's `X-Cal-Signature-256`: hex HMAC-SHA256 of the raw body with the webhook secret.
 * Cal.com sends no signature when no secret is configured, so with no secret on our side
 * the delivery passes as "not_configured" (the caller decides whether that is allowed).
 */
export function verifyCalcomSignature(
  rawBody: Uint8Array,
  signatureHeader: string | null | undefined,
  secret: string | null | undefined,
): VerificationResult {
  if (!secret) return { ok: true, verification: "not_configured" };
  const presented = signatureHeader?.trim();
  if (!presented)
    return rejected(
      "missing_signature",
      "Missing X-Cal-Signature-256 header: a webhook secret is configured, so Cal.com must sign.",
    );
  const expected = createHmac("sha256", secret).update(rawBody).digest();
  if (!hexDigestEqual(presented, expected))
    return rejected("bad_signature", "X-Cal-Signature-256 does not match the body signed with the configured secret.");
  return verified;
}
