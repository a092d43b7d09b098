import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";

/**
 * Compares two secrets without leaking where they differ. Both sides are hashed first so
 * `timingSafeEqual` always sees equal lengths; the explicit length check keeps a (vanishingly
 * unlikely) hash collision from passing.
 */
export function constantTimeEqual(presented: string, expected: string): boolean {
  const a = createHash("sha256").update(presented, "utf8").digest();
  const b = createHash("sha256").update(expected, "utf8").digest();
  const sameHash = timingSafeEqual(a, b);
  return sameHash && Buffer.byteLength(presented) === Buffer.byteLength(expected);
}

const HEX_SHA256 = /^[0-9a-f]{64}$/i;

/** True when `presentedHex` is the hex form of `expected` (a 32-byte HMAC-SHA256 digest). */
export function hexDigestEqual(presentedHex: string, expected: Buffer): boolean {
  // Buffer.from(…, "hex") silently truncates bad input, so the shape is checked first.
  if (!HEX_SHA256.test(presentedHex)) return false;
  const presented = Buffer.from(presentedHex, "hex");
  return presented.length === expected.length && timingSafeEqual(presented, expected);
}
