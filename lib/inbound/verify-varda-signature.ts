import "server-only";
import { createHmac } from "node:crypto";
import { hexDigestEqual } from "./constant-time-equal";
import { rejected, verified, type VerificationResult } from "./verification-result";

export const VARDA_TOLERANCE_SECONDS = 5 * 60;

type ParsedHeader = { timestamp: number; signatures: string[] };

/** `t=<unix seconds>,v1=<hex>[,v1=<hex>…]`; unknown keys (other schemes) are ignored. */
export function parseVardaSignatureHeader(header: string): ParsedHeader | string {
  let timestamp: number | null = null;
  const signatures: string[] = [];
  for (const part of header.split(",")) {
    const eq = part.indexOf("=");
    if (eq < 0) return `"${part.trim()}" is not a key=value pair`;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === "t") {
      if (timestamp !== null) return "more than one t= entry";
      if (!/^\d{1,12}$/.test(value)) return "t= must be unix seconds";
      timestamp = Number(value);
    } else if (key === "v1") {
      signatures.push(value);
    }
  }
  if (timestamp === null) return "no t= timestamp";
  if (signatures.length === 0) return "no v1= signature";
  return { timestamp, signatures };
}

type Input = {
  rawBody: Uint8Array;
  header: string | null | undefined;
  secret: string | null | undefined;
  /** Injected for tests; defaults to the current time. */
  now?: Date;
  toleranceSeconds?: number;
};

/**
 * Varda's `X-Varda-Signature`: HMAC-SHA256 over `<t>.<raw body>`. Any v1 entry may match (Varda
 * sends several while a secret is rolled). The signature is checked before the time, so a
 * stale answer is only given to someone who holds the secret (i.e. a replay).
 */
export function verifyVardaSignature({
  rawBody,
  header,
  secret,
  now = new Date(),
  toleranceSeconds = VARDA_TOLERANCE_SECONDS,
}: Input): VerificationResult {
  if (!secret)
    return rejected(
      "not_configured",
      "This Varda connection has no signing secret: paste the secret Varda shows into the connection.",
    );
  const value = header?.trim();
  if (!value) return rejected("missing_signature", "Missing X-Varda-Signature header.");
  const parsed = parseVardaSignatureHeader(value);
  if (typeof parsed === "string")
    return rejected("malformed_signature", `Malformed X-Varda-Signature header: ${parsed}.`);

  const expected = createHmac("sha256", secret).update(`${parsed.timestamp}.`).update(rawBody).digest();
  // Every entry is compared (no early exit) so timing does not reveal which one matched.
  const matches = parsed.signatures.map((signature) => hexDigestEqual(signature, expected));
  if (!matches.includes(true))
    return rejected("bad_signature", "X-Varda-Signature does not match the body signed with this connection's secret.");

  const age = Math.floor(now.getTime() / 1000) - parsed.timestamp;
  if (age > toleranceSeconds)
    return rejected(
      "stale_timestamp",
      `X-Varda-Signature timestamp is ${age} s old; deliveries older than ${toleranceSeconds} s are refused.`,
    );
  if (-age > toleranceSeconds)
    return rejected(
      "future_timestamp",
      `X-Varda-Signature timestamp is ${-age} s in the future; check the sender's clock.`,
    );
  return verified;
}
