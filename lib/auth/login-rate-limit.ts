import "server-only";
import type { Db } from "@/lib/db/client";

// Failed attempts counted in the database, so the limit holds across app instances.
export const LOGIN_LIMITS = { windowMs: 15 * 60_000, perEmail: 5, perIp: 20 };

export async function isLoginLimited(db: Db, email: string, ip: string): Promise<boolean> {
  const since = new Date(Date.now() - LOGIN_LIMITS.windowMs);
  const [byEmail, byIp] = await Promise.all([
    db.loginAttempt.count({ where: { email, succeeded: false, attemptedAt: { gte: since } } }),
    db.loginAttempt.count({ where: { ip, succeeded: false, attemptedAt: { gte: since } } }),
  ]);
  return byEmail >= LOGIN_LIMITS.perEmail || byIp >= LOGIN_LIMITS.perIp;
}

export async function recordLoginAttempt(db: Db, email: string, ip: string, succeeded: boolean): Promise<void> {
  await db.loginAttempt.create({ data: { email, ip, succeeded } });
}
