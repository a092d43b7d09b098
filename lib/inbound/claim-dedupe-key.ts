import "server-only";
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

/** The seed: the same agent event (or Brevo payload, which has no id) within 60 s is a duplicate. */
export const SAME_PAYLOAD_WINDOW_MS = 60_000;
/** Senders with event ids (Cal.com, Varda) redeliver what they think failed; a day covers their retries. */
export const REDELIVERY_WINDOW_MS = 24 * 3_600_000;

/**
 * True when this key was not processed within the window, and claims it; false for a duplicate.
 * Runs in the processing transaction: concurrent duplicates wait on the key's row and then see
 * it claimed, and a processing failure rolls the claim back. Holds across app instances.
 * `organizationId`, when given, must exist (else a 404 that rolls the transaction back): checked
 * in the same statement, which saves the hot agent-event path a round trip.
 */
export async function claimDedupeKey(tx: Tx, key: string, windowMs: number, organizationId?: string): Promise<boolean> {
  const [row] = await tx.$queryRaw<{ claimed: boolean; org_found: boolean }[]>`
    WITH org AS (SELECT 1 WHERE ${organizationId ?? null}::uuid IS NULL OR EXISTS (SELECT 1 FROM organizations WHERE id = ${organizationId ?? null}::uuid)),
    claim AS (
      INSERT INTO inbound_dedupe_keys (key, expires_at)
      SELECT ${key}, now() + make_interval(secs => ${windowMs / 1000}) FROM org
      ON CONFLICT (key) DO UPDATE SET expires_at = EXCLUDED.expires_at WHERE inbound_dedupe_keys.expires_at <= now()
      RETURNING key
    )
    SELECT EXISTS (SELECT 1 FROM claim) AS claimed, EXISTS (SELECT 1 FROM org) AS org_found`;
  if (!row.org_found) throw new AppError("not_found", `Organization ${organizationId} not found`);
  return row.claimed;
}
