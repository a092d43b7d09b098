import type { Tx } from "@/lib/db/client";

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
