import "server-only";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";

/**
 * Sign-in slows down instead of locking: per account and per client address, the first `free`
 * attempts go at once, then the next waits `firstDelayS`, each after it twice as long, up to `maxDelayS`. An
 * attacker's failures cost the owner at most that wait, never a lock they can hold forever.
 * Counts reset after a quiet quarter hour, and an account's on its owner's success.
 */
export const LOGIN_THROTTLE = {
  account: { free: 5, firstDelayS: 5, maxDelayS: 60 },
  address: { free: 20, firstDelayS: 5, maxDelayS: 60 },
  quietMinutes: 15,
} as const;

type Limit = { free: number; firstDelayS: number; maxDelayS: number };

/**
 * Counts one attempt under `key`, atomically and before the password is checked, so parallel
 * guesses queue on the row instead of all passing a check made before any was recorded.
 * Answers null when the attempt may go ahead, else the seconds until the next one may.
 */
export async function claimLoginAttempt(db: Db, key: string, limit: Limit): Promise<number | null> {
  const attempts = Prisma.sql`CASE WHEN t.updated_at < now() - make_interval(mins => ${LOGIN_THROTTLE.quietMinutes}) THEN 1 ELSE t.attempts + 1 END`;
  const [claimed] = await db.$queryRaw<{ attempts: number }[]>`
    INSERT INTO login_throttles AS t (key, attempts, next_attempt_at, updated_at) VALUES (${key}, 1, now(), now())
    ON CONFLICT (key) DO UPDATE SET
      attempts = ${attempts},
      next_attempt_at = now() + make_interval(secs => CASE WHEN ${attempts} < ${limit.free} THEN 0
        ELSE least(${limit.maxDelayS}, ${limit.firstDelayS} * power(2, ${attempts} - ${limit.free})) END),
      updated_at = now()
    WHERE t.next_attempt_at <= now()
    RETURNING attempts`;
  if (claimed) return null;
  const [row] = await db.$queryRaw<{ wait: number }[]>`
    SELECT greatest(1, ceil(extract(epoch FROM next_attempt_at - now())))::int AS wait FROM login_throttles WHERE key = ${key}`;
  return row?.wait ?? 1;
}

/** The account's owner proved the password: its count starts over. */
export async function clearLoginAttempts(db: Db, key: string): Promise<void> {
  await db.loginThrottle.deleteMany({ where: { key } });
}

/** A success is not a guess: it is taken off the address's count (never below zero). */
export async function uncountLoginAttempt(db: Db, key: string): Promise<void> {
  await db.$executeRaw`UPDATE login_throttles SET attempts = greatest(0, attempts - 1) WHERE key = ${key}`;
}
