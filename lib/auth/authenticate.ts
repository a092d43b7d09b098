import "server-only";
import type { Db } from "@/lib/db/client";
import { emailSchema } from "@/lib/organizations/schemas";
import { isLoginLimited, recordLoginAttempt } from "./login-rate-limit";
import { DUMMY_HASH, verifyPassword } from "./password";

export type AuthResult =
  { ok: true; user: { id: string; email: string; name: string } } | { ok: false; reason: "invalid" | "rate_limited" };

export const AUTH_MESSAGES = {
  invalid: "Wrong email or password.",
  rate_limited: "Too many failed sign-in attempts. Wait 15 minutes and try again.",
} as const;

/** Checks email + password, with per-email and per-IP limits on failures. */
export async function authenticate(db: Db, rawEmail: unknown, password: unknown, ip: string): Promise<AuthResult> {
  const parsed = emailSchema.safeParse(rawEmail);
  if (!parsed.success || typeof password !== "string" || password.length === 0 || password.length > 200) {
    return { ok: false, reason: "invalid" };
  }
  const email = parsed.data;
  if (await isLoginLimited(db, email, ip)) return { ok: false, reason: "rate_limited" };
  const user = await db.user.findUnique({ where: { email } });
  const valid = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !valid) {
    await recordLoginAttempt(db, email, ip, false);
    return { ok: false, reason: "invalid" };
  }
  await recordLoginAttempt(db, email, ip, true);
  return { ok: true, user: { id: user.id, email: user.email, name: user.name } };
}
