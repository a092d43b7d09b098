import "server-only";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";

/**
 * Counts one hit against `key` in a fixed window; throws a 429 with Retry-After past `limit`.
 * The counter lives in PostgreSQL (one upsert), so the limit holds across app instances.
 */
export async function consumeRateLimit(
  db: Db,
  key: string,
  limit: number,
  windowMs: number,
  what = "requests",
): Promise<void> {
  const windowStart = new Date(Math.floor(Date.now() / windowMs) * windowMs);
  const [row] = await db.$queryRaw<{ count: number }[]>`
    INSERT INTO rate_limit_counters (key, window_start, count) VALUES (${key}, ${windowStart}, 1)
    ON CONFLICT (key, window_start) DO UPDATE SET count = rate_limit_counters.count + 1
    RETURNING count`;
  if (row.count > limit) {
    const retryAfter = Math.ceil((windowStart.getTime() + windowMs - Date.now()) / 1000);
    throw new AppError(
      "rate_limited",
      `Too many ${what}: at most ${limit} per ${Math.round(windowMs / 1000)} s. Try again in ${retryAfter} s.`,
      undefined,
      {
        "Retry-After": String(retryAfter),
      },
    );
  }
}
