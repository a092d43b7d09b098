// What every inbound verifier answers: the reason is for the inbound log and metrics, the
// message is what the sender reads in the 401 body.
export type VerificationFailureReason =
  | "not_configured"
  | "missing_signature"
  | "malformed_signature"
  | "bad_signature"
  | "stale_timestamp"
  | "future_timestamp"
  | "missing_credentials"
  | "malformed_credentials"
  | "bad_credentials";

export type VerificationResult =
  | { ok: true; verification: "verified" | "not_configured" }
  | { ok: false; reason: VerificationFailureReason; message: string };

export const verified: VerificationResult = { ok: true, verification: "verified" };

export function rejected(reason: VerificationFailureReason, message: string): VerificationResult {
  return { ok: false, reason, message };
}
