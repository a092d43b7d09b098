import "server-only";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { consumeRateLimit } from "@/lib/rate-limit/consume-rate-limit";
import type { InboundLogEntry } from "./record-inbound-request";

/** Rejected requests per minute an inbound URL logs from one source address, and from all together. */
export const REJECTED_PER_ADDRESS = 30;
export const REJECTED_PER_CONNECTION = 300;

/**
 * Counts a rejected inbound request that no verified sender made (bad or missing signature, an
 * unknown connection) before it is logged, so nobody can flood an owner's inbound log: past either
 * limit the request answers 429 and is not written. Accepted requests never come here. Null while
 * within the limits.
 */
export async function limitRejectedRequests(
  db: Db,
  source: InboundLogEntry["source"],
  connectionId: string | null | undefined,
  address: string,
): Promise<AppError | null> {
  const key = `inbound-rejected:${source}:${connectionId ?? "-"}`;
  try {
    await consumeRateLimit(
      db,
      `${key}:${address}`,
      REJECTED_PER_ADDRESS,
      60_000,
      "rejected requests from this address",
    );
    await consumeRateLimit(db, key, REJECTED_PER_CONNECTION, 60_000, "rejected requests to this URL");
    return null;
  } catch (error) {
    if (error instanceof AppError) return error;
    // The counter is out of reach (the database is down): the request's own answer stands.
    return null;
  }
}
