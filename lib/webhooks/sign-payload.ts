import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * Signing. `X-Empfio-Signature` is the seed's scheme: hex HMAC-SHA256 of the raw body keyed with
 * the secret string exactly as shown to the owner (`whsec_…`), so the seed's Python and Node
 * snippets verify it unmodified. `webhook-id` / `webhook-timestamp` / `webhook-signature` follow
 * Standard Webhooks (v1, base64 HMAC-SHA256 over `id.timestamp.body`, keyed with the base64-
 * decoded part after `whsec_`) for receivers who want replay protection.
 *
 * Rotation: while the previous secret is inside its overlap, `X-Empfio-Signature` stays signed
 * with the PREVIOUS secret (receivers that have not updated keep verifying, unmodified),
 * `X-Empfio-Signature-Next` carries the hex signature with the NEW secret, and
 * `webhook-signature` lists both. After the overlap only the new secret signs.
 */
export const SECRET_PREFIX = "whsec_";

export function generateSigningSecret(): string {
  return SECRET_PREFIX + randomBytes(32).toString("base64");
}

export function empfioSignature(body: string | Buffer, secret: string): string {
  return createHmac("sha256", secret).update(body).digest("hex");
}

export function standardSignature(webhookId: string, timestamp: number, body: string | Buffer, secret: string): string {
  const key = Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, "base64");
  return createHmac("sha256", key).update(`${webhookId}.${timestamp}.`).update(body).digest("base64");
}

export function buildSignatureHeaders(input: {
  body: string | Buffer;
  webhookId: string;
  timestamp: number;
  secrets: { current: string; previous?: string };
}): Record<string, string> {
  const { body, webhookId, timestamp, secrets } = input;
  const signers = secrets.previous ? [secrets.previous, secrets.current] : [secrets.current];
  const headers: Record<string, string> = {
    "X-Empfio-Signature": empfioSignature(body, signers[0]),
    "webhook-id": webhookId,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": signers.map((s) => `v1,${standardSignature(webhookId, timestamp, body, s)}`).join(" "),
  };
  if (secrets.previous) headers["X-Empfio-Signature-Next"] = empfioSignature(body, secrets.current);
  return headers;
}

export function verifyEmpfioSignature(body: string | Buffer, signature: string, secret: string): boolean {
  return safeEqual(signature, empfioSignature(body, secret));
}

/** Standard Webhooks verification with a replay window (default 5 minutes). */
export function verifyStandardWebhook(
  headers: { id: string; timestamp: string; signature: string },
  body: string | Buffer,
  secret: string,
  options: { toleranceSeconds?: number; now?: number } = {},
): boolean {
  const ts = Number(headers.timestamp);
  const now = options.now ?? Math.floor(Date.now() / 1000);
  if (!Number.isInteger(ts) || Math.abs(now - ts) > (options.toleranceSeconds ?? 300)) return false;
  const expected = standardSignature(headers.id, ts, body, secret);
  return headers.signature.split(" ").some((part) => part.startsWith("v1,") && safeEqual(part.slice(3), expected));
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
