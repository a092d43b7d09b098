import "server-only";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

// "v1.<iv>.<tag>.<ciphertext>", each part base64url: compact, URL- and log-safe, and versioned
// so the scheme can change later without a migration.
const VERSION = "v1";
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** AES-256-GCM: confidentiality and integrity; a tampered box fails to open. */
export function encryptSecret(plaintext: string, key: Buffer): string {
  assertKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, ...[iv, cipher.getAuthTag(), ciphertext].map((p) => p.toString("base64url"))].join(".");
}

/** Throws when the box is malformed, was tampered with, or was sealed under another key. */
export function decryptSecret(box: string, key: Buffer): string {
  assertKey(key);
  const parts = box.split(".");
  const [version, ivText, tagText, ciphertextText] = parts;
  if (parts.length !== 4 || version !== VERSION)
    throw new Error("Not a sealed secret (expected v1.<iv>.<tag>.<ciphertext>)");
  const iv = Buffer.from(ivText, "base64url");
  const tag = Buffer.from(tagText, "base64url");
  // A short tag would be accepted by GCM and make forgery easier: require the full 16 bytes.
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new Error("Not a sealed secret (bad IV or tag length)");
  const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(Buffer.from(ciphertextText, "base64url")), decipher.final()]).toString(
      "utf8",
    );
  } catch {
    throw new Error(
      "Could not decrypt the secret: it was altered, or ENCRYPTION_KEY is not the key it was sealed with",
    );
  }
}

/** ENCRYPTION_KEY: 32 bytes as base64 (`openssl rand -base64 32`) or as 64 hex digits. */
export function parseEncryptionKey(text: string): Buffer {
  const trimmed = text.trim();
  if (/^[0-9a-f]{64}$/i.test(trimmed)) return Buffer.from(trimmed, "hex");
  // Buffer.from(…, "base64") skips invalid characters silently, so validate the text first.
  if (/^[A-Za-z0-9+/]{43}=$/.test(trimmed) || /^[A-Za-z0-9_-]{43}=?$/.test(trimmed)) {
    const key = Buffer.from(trimmed, "base64"); // Node decodes both alphabets
    if (key.length === KEY_BYTES) return key;
  }
  throw new Error(
    "ENCRYPTION_KEY must be 32 random bytes, as base64 (openssl rand -base64 32) or as 64 hex digits (openssl rand -hex 32)",
  );
}

function assertKey(key: Buffer): void {
  if (key.length !== KEY_BYTES) throw new Error(`The encryption key must be ${KEY_BYTES} bytes, not ${key.length}`);
}
