import "server-only";
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * Signing (customer-facing description: docs/receiving-webhooks.md).
 *
 * - `X-Empfio-Signature`: the seed's scheme, hex HMAC-SHA256 of the raw body keyed with the
 *   secret string exactly as shown to the owner (`whsec_…` as UTF-8), so the seed's Python and
 *   Node snippets verify it unmodified.
 * - `webhook-id` / `webhook-timestamp` / `webhook-signature`: Standard Webhooks, `v1,<base64
 *   HMAC-SHA256 of "id.timestamp.body">` keyed with the base64-decoded part after `whsec_`,
 *   for receivers who want replay protection. Our secrets are `whsec_` + base64 of 32 random
 *   bytes, so they are valid Standard Webhooks secrets too.
 *
 * Rotation: while the previous secret is inside its overlap, `X-Empfio-Signature` stays ONE hex
 * HMAC signed with the PREVIOUS secret (receivers that have not updated keep verifying,
 * unmodified), `X-Empfio-Signature-Next` carries the hex HMAC with the NEW secret, and
 * `webhook-signature` lists both `v1,` entries. After the overlap only the new secret signs.
 */
export const SECRET_PREFIX = "whsec_";
const SECRET_BYTES = 32;

export const SIGNATURE_HEADER = "X-Empfio-Signature";
export const NEXT_SIGNATURE_HEADER = "X-Empfio-Signature-Next";

export type SigningSecrets = { current: string; previous?: string };

export function generateSigningSecret(): string {
  return SECRET_PREFIX + randomBytes(SECRET_BYTES).toString("base64");
}

/** `whsec_` followed by base64 of at least 24 bytes (the Standard Webhooks minimum). */
export function isValidSigningSecret(secret: string): boolean {
  if (!secret.startsWith(SECRET_PREFIX)) return false;
  const encoded = secret.slice(SECRET_PREFIX.length);
  return (
    /^[A-Za-z0-9+/]+={0,2}$/.test(encoded) && encoded.length % 4 === 0 && Buffer.from(encoded, "base64").length >= 24
  );
}

/** Hex HMAC-SHA256 of the raw body, keyed with the whole secret string as UTF-8. */
export function empfioSignature(body: string | Buffer, secret: string): string {
  return createHmac("sha256", secret).update(body).digest("hex");
}

/** Base64 HMAC-SHA256 of `id.timestamp.body`, keyed with the bytes the secret encodes. */
export function standardSignature(webhookId: string, timestamp: number, body: string | Buffer, secret: string): string {
  const key = Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, "base64");
  return createHmac("sha256", key).update(`${webhookId}.${timestamp}.`).update(body).digest("base64");
}

export function buildSignatureHeaders(input: {
  body: string | Buffer;
  /** The delivery id: the same on every retry, so receivers can dedupe on it. */
  webhookId: string;
  /** Unix seconds of this attempt. */
  timestamp: number;
  /** `previous` only while it is inside its overlap window. */
  secrets: SigningSecrets;
}): Record<string, string> {
  const { body, webhookId, timestamp, secrets } = input;
  const signers = secrets.previous ? [secrets.previous, secrets.current] : [secrets.current];
  const headers: Record<string, string> = {
    [SIGNATURE_HEADER]: empfioSignature(body, signers[0]),
    "webhook-id": webhookId,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": signers.map((s) => `v1,${standardSignature(webhookId, timestamp, body, s)}`).join(" "),
  };
  if (secrets.previous) headers[NEXT_SIGNATURE_HEADER] = empfioSignature(body, secrets.current);
  return headers;
}

export function verifyEmpfioSignature(body: string | Buffer, signature: string, secret: string): boolean {
  return safeEqual(signature, empfioSignature(body, secret));
}

/**
 * What a receiver holding ONE secret should do: accept when either `X-Empfio-Signature` or,
 * during a rotation, `X-Empfio-Signature-Next` matches. `headers` keys in lower case (Node).
 */
export function verifyEmpfioRequest(
  body: string | Buffer,
  headers: Record<string, string | string[] | undefined>,
  secret: string,
): boolean {
  return [SIGNATURE_HEADER, NEXT_SIGNATURE_HEADER]
    .map((name) => headers[name.toLowerCase()])
    .some((value) => typeof value === "string" && verifyEmpfioSignature(body, value, secret));
}

/** Standard Webhooks verification with a replay window (default 5 minutes, either direction). */
export function verifyStandardWebhook(
  headers: { id: string; timestamp: string; signature: string },
  body: string | Buffer,
  secret: string,
  options: { toleranceSeconds?: number; now?: number } = {},
): boolean {
  if (!/^\d+$/.test(headers.timestamp)) return false;
  const ts = Number(headers.timestamp);
  const now = options.now ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - ts) > (options.toleranceSeconds ?? 300)) return false;
  const expected = standardSignature(headers.id, ts, body, secret);
  return headers.signature.split(" ").some((part) => part.startsWith("v1,") && safeEqual(part.slice(3), expected));
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
