import "server-only";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export type AppSecrets = { AUTH_SECRET: string; ENCRYPTION_KEY: string; INTERNAL_AUTH_TOKEN: string };

/**
 * Secrets for a one-box install: taken from the environment when given, otherwise generated
 * once into `.data/secrets.json` (mode 0600) so sessions and stored secrets survive restarts.
 */
export function loadOrCreateLocalSecrets(dataDir: string, env: NodeJS.ProcessEnv = process.env): AppSecrets {
  const file = path.join(dataDir, "secrets.json");
  const stored: Partial<AppSecrets> = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : {};
  const secrets: AppSecrets = {
    AUTH_SECRET: env.AUTH_SECRET ?? stored.AUTH_SECRET ?? randomBytes(32).toString("base64"),
    ENCRYPTION_KEY: env.ENCRYPTION_KEY ?? stored.ENCRYPTION_KEY ?? randomBytes(32).toString("base64"),
    INTERNAL_AUTH_TOKEN: env.INTERNAL_AUTH_TOKEN ?? stored.INTERNAL_AUTH_TOKEN ?? randomBytes(24).toString("base64url"),
  };
  if ((Object.keys(secrets) as (keyof AppSecrets)[]).some((k) => stored[k] !== secrets[k])) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  return secrets;
}

/** Production must be given its secrets; generating them would silently log everyone out on a new box. */
export function missingProductionSecrets(env: NodeJS.ProcessEnv = process.env): string[] {
  return (["AUTH_SECRET", "ENCRYPTION_KEY"] as const).filter((k) => !env[k]);
}
