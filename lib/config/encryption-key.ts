import "server-only";
import { parseEncryptionKey } from "@/lib/crypto/secret-box";

let cached: { text: string; key: Buffer } | undefined;

/** The key that encrypts stored secrets; set by the start command (generated in dev). */
export function getEncryptionKey(): Buffer {
  const text = process.env.ENCRYPTION_KEY;
  if (!text) throw new Error("ENCRYPTION_KEY is not set (npm run dev / npm start set it for you)");
  if (cached?.text !== text) cached = { text, key: parseEncryptionKey(text) };
  return cached.key;
}
