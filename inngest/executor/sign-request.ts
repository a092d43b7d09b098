import { createHash, createHmac, timingSafeEqual } from "node:crypto";

/*
 * The signing side of the Inngest SDK's protocol, as a self-hosted Inngest server speaks it.
 * A call to the functions carries `X-Inngest-Signature: t=<unix s>&s=<hex>`, where `s` is
 * HMAC-SHA256 over the canonical JSON of the body followed by `t`, keyed with the signing key
 * without its `signkey-<env>-` prefix (as text). The SDK parses the body and canonicalizes it
 * (sorted keys, JSON.stringify for values) before checking, so we send the canonical form itself.
 * The SDK's own calls to us (registration, checkpoints) carry `Authorization: Bearer <hash>`,
 * the prefix followed by SHA-256 of the key's hex-decoded bytes.
 */

const PREFIX = /^signkey-\w+-/;

/** `signkey-<env>-` followed by an even number of hex digits (the SDK hashes the hex-decoded key). */
export function isValidSigningKey(key: string): boolean {
  const hex = key.replace(PREFIX, "");
  return hex.length >= 32 && hex.length % 2 === 0 && /^[0-9a-f]+$/i.test(hex);
}

/** JSON with object keys sorted, as the SDK's `canonicalize` writes it. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object" || typeof (value as { toJSON?: unknown }).toJSON === "function") {
    return JSON.stringify(value) ?? "null";
  }
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(",")}]`;
  const record = value as Record<string, unknown>;
  const fields = Object.keys(record)
    .sort()
    .filter((k) => record[k] !== undefined && typeof record[k] !== "function" && typeof record[k] !== "symbol")
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`);
  return `{${fields.join(",")}}`;
}

/** The `X-Inngest-Signature` header for `body` (already canonical JSON). */
export function signatureHeader(body: string, signingKey: string, nowMs = Date.now()): string {
  const t = Math.round(nowMs / 1000).toString();
  const s = createHmac("sha256", signingKey.replace(PREFIX, ""))
    .update(body + t)
    .digest("hex");
  return `t=${t}&s=${s}`;
}

/** The bearer token the SDK sends for `signingKey`. */
export function hashedSigningKey(signingKey: string): string {
  const prefix = PREFIX.exec(signingKey)?.[0] ?? "";
  return (
    prefix +
    createHash("sha256")
      .update(Buffer.from(signingKey.replace(PREFIX, ""), "hex"))
      .digest("hex")
  );
}

/** True when `authorization` is `Bearer <hash>` of one of `signingKeys`. */
export function bearerIsValid(authorization: string | undefined, signingKeys: string[]): boolean {
  const token = /^Bearer (\S+)$/i.exec(authorization ?? "")?.[1];
  if (!token) return false;
  return signingKeys.some((key) => constantTimeEqual(token, hashedSigningKey(key)));
}

export function constantTimeEqual(a: string, b: string): boolean {
  const [x, y] = [Buffer.from(a), Buffer.from(b)];
  return x.length === y.length && timingSafeEqual(x, y);
}
