import "server-only";
import type { Db } from "@/lib/db/client";
import { logger } from "@/lib/logger";
import { emailSchema } from "@/lib/organizations/schemas";
import { claimLoginAttempt, clearLoginAttempts, LOGIN_THROTTLE, uncountLoginAttempt } from "./login-throttle";
import { DUMMY_HASH, verifyPassword } from "./password";

export type AuthResult =
  | { ok: true; user: { id: string; email: string; name: string } }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "rate_limited"; retryAfterS: number };

export function authMessage(result: Exclude<AuthResult, { ok: true }>): string {
  return result.reason === "invalid"
    ? "Wrong email or password."
    : `Too many sign-in attempts. Try again in ${result.retryAfterS} s.`;
}

/**
 * Checks email + password. Each attempt is counted per client address and per account before
 * the (deliberately slow) hash, which only attempts within the throttles reach.
 */
export async function authenticate(db: Db, rawEmail: unknown, password: unknown, ip: string): Promise<AuthResult> {
  const parsed = emailSchema.safeParse(rawEmail);
  if (!parsed.success || typeof password !== "string" || password.length === 0 || password.length > 200) {
    return { ok: false, reason: "invalid" };
  }
  const email = parsed.data;
  const addressKey = `ip:${ip}`;
  const accountKey = `email:${email}`;
  const wait =
    (await claimLoginAttempt(db, addressKey, LOGIN_THROTTLE.address)) ??
    (await claimLoginAttempt(db, accountKey, LOGIN_THROTTLE.account));
  if (wait !== null) {
    logger.warn({ ip, retryAfterS: wait }, "sign-in throttled");
    return { ok: false, reason: "rate_limited", retryAfterS: wait };
  }
  const user = await db.user.findUnique({ where: { email } });
  const valid = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  await db.loginAttempt.create({ data: { email, ip, succeeded: !!user && valid } });
  if (!user || !valid) {
    logger.info({ ip }, "sign-in failed");
    return { ok: false, reason: "invalid" };
  }
  await Promise.all([clearLoginAttempts(db, accountKey), uncountLoginAttempt(db, addressKey)]);
  return { ok: true, user: { id: user.id, email: user.email, name: user.name } };
}
