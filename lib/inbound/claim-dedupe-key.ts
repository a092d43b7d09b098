import type { Tx } from "@/lib/db/client";

/** The seed: the same agent event (or Brevo payload, which has no id) within 60 s is a duplicate. */
export const SAME_PAYLOAD_WINDOW_MS = 60_000;
/** Senders with event ids (Cal.com, Varda) redeliver what they think failed; a day covers their retries. */
export const REDELIVERY_WINDOW_MS = 24 * 3_600_000;

/**
 * True when this key was not processed within the window, and claims it; false for a duplicate.
 * Runs in the processing transaction: concurrent duplicates wait on the key's row and then see
 * it claimed, and a processing failure rolls the claim back. Holds across app instances.
 */
export async function claimDedupeKey(tx: Tx, key: string, windowMs: number): Promise<boolean> {
  const rows = await tx.$queryRaw<{ key: string }[]>`
    INSERT INTO inbound_dedupe_keys (key, expires_at) VALUES (${key}, now() + make_interval(secs => ${windowMs / 1000}))
    ON CONFLICT (key) DO UPDATE SET expires_at = EXCLUDED.expires_at WHERE inbound_dedupe_keys.expires_at <= now()
    RETURNING key`;
  return rows.length === 1;
}
