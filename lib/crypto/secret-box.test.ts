import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret, parseEncryptionKey } from "./secret-box";

describe("secret box", () => {
  const key = randomBytes(32);
  it("round-trips, never stores the plaintext, and differs each time", () => {
    const a = encryptSecret("whsec_abc", key);
    expect(a).not.toContain("whsec_abc");
    expect(a).not.toBe(encryptSecret("whsec_abc", key));
    expect(decryptSecret(a, key)).toBe("whsec_abc");
  });
  it("refuses a tampered box or the wrong key", () => {
    const box = encryptSecret("whsec_abc", key);
    const parts = box.split(".");
    parts[3] = Buffer.from("whsec_xyz").toString("base64url");
    expect(() => decryptSecret(parts.join("."), key)).toThrow();
    expect(() => decryptSecret(box, randomBytes(32))).toThrow();
  });
  it("parses base64 and hex keys and rejects short ones", () => {
    expect(parseEncryptionKey(key.toString("base64"))).toEqual(key);
    expect(parseEncryptionKey(key.toString("hex"))).toEqual(key);
    expect(() => parseEncryptionKey("short")).toThrow(/32 bytes/);
  });
});
