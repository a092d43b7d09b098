import "server-only";
import { getEncryptionKey } from "@/lib/config/encryption-key";
import { decryptSecret, encryptSecret } from "@/lib/crypto/secret-box";

type WithSecrets = {
  secretEncrypted: string;
  previousSecretEncrypted: string | null;
  previousSecretExpiresAt: Date | null;
};

export function sealSecret(secret: string): string {
  return encryptSecret(secret, getEncryptionKey());
}

export function openSecret(sealed: string): string {
  return decryptSecret(sealed, getEncryptionKey());
}

/** The secrets that sign a request now: the current one, and the previous one during its overlap. */
export function signingSecrets(endpoint: WithSecrets, now = new Date()): { current: string; previous?: string } {
  const current = openSecret(endpoint.secretEncrypted);
  const overlapping =
    endpoint.previousSecretEncrypted && endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > now;
  return overlapping ? { current, previous: openSecret(endpoint.previousSecretEncrypted!) } : { current };
}
