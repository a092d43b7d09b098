import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret, parseEncryptionKey } from "./secret-box";

describe("secret box", () => {
  const key = randomBytes(32);
  const secret = "whsec_" + randomBytes(32).toString("base64");

  it("round-trips, never shows the plaintext, and differs each time", () => {
    const a = encryptSecret(secret, key);
    expect(a).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+$/);
    expect(a).not.toContain(secret.slice(6, 20));
    expect(a).not.toBe(encryptSecret(secret, key));
    expect(decryptSecret(a, key)).toBe(secret);
    expect(decryptSecret(encryptSecret("", key), key)).toBe("");
    expect(decryptSecret(encryptSecret("Grüße ✂️", key), key)).toBe("Grüße ✂️");
  });

  it("refuses a tampered ciphertext, IV or tag, a truncated tag, and the wrong key", () => {
    const box = encryptSecret(secret, key);
    const flip = (part: number) => {
      const parts = box.split(".");
      const bytes = Buffer.from(parts[part], "base64url");
      bytes[0] ^= 1;
      parts[part] = bytes.toString("base64url");
      return parts.join(".");
    };
    for (const part of [1, 2, 3]) expect(() => decryptSecret(flip(part), key)).toThrow(/altered|ENCRYPTION_KEY/);
    const [v, iv, tag, ct] = box.split(".");
    const shortTag = Buffer.from(tag, "base64url").subarray(0, 4).toString("base64url");
    expect(() => decryptSecret([v, iv, shortTag, ct].join("."), key)).toThrow(/tag length/);
    expect(() => decryptSecret(box, randomBytes(32))).toThrow(/ENCRYPTION_KEY/);
    expect(() => decryptSecret("whsec_plain", key)).toThrow(/Not a sealed secret/);
    expect(() => decryptSecret(box.replace(/^v1/, "v2"), key)).toThrow(/Not a sealed secret/);
  });

  it("refuses keys that are not 32 bytes", () => {
    expect(() => encryptSecret(secret, randomBytes(16))).toThrow(/32 bytes/);
  });

  it("parses a key as base64 or 64 hex digits, and explains what it wants otherwise", () => {
    expect(parseEncryptionKey(key.toString("base64"))).toEqual(key);
    expect(parseEncryptionKey(` ${key.toString("base64")}\n`)).toEqual(key);
    expect(parseEncryptionKey(key.toString("base64url"))).toEqual(key);
    expect(parseEncryptionKey(key.toString("hex"))).toEqual(key);
    expect(parseEncryptionKey(key.toString("hex").toUpperCase())).toEqual(key);
    for (const bad of [
      "short",
      "",
      randomBytes(16).toString("base64"),
      randomBytes(33).toString("base64"),
      "!".repeat(43) + "=",
      "g".repeat(64),
    ]) {
      expect(() => parseEncryptionKey(bad)).toThrow(
        /32 random bytes, as base64 \(openssl rand -base64 32\) or as 64 hex digits/,
      );
    }
  });
});
