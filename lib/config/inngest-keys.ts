import "server-only";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export type InngestKeys = { INNGEST_EVENT_KEY: string; INNGEST_SIGNING_KEY: string };

/**
 * The embedded executor's keys, shared with the app as with any Inngest server: taken from the
 * environment when given, otherwise generated once into `.data/inngest-keys.json` (mode 0600).
 * The signing key has the SDK's `signkey-<env>-<hex>` form.
 */
export function loadOrCreateInngestKeys(dataDir: string, env: NodeJS.ProcessEnv = process.env): InngestKeys {
  const file = path.join(dataDir, "inngest-keys.json");
  const stored: Partial<InngestKeys> = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : {};
  const keys: InngestKeys = {
    INNGEST_EVENT_KEY: env.INNGEST_EVENT_KEY || stored.INNGEST_EVENT_KEY || randomBytes(32).toString("hex"),
    INNGEST_SIGNING_KEY:
      env.INNGEST_SIGNING_KEY || stored.INNGEST_SIGNING_KEY || `signkey-prod-${randomBytes(32).toString("hex")}`,
  };
  const generated = (Object.keys(keys) as (keyof InngestKeys)[]).filter((k) => !env[k] && !stored[k]);
  if (generated.length > 0) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(
      file,
      JSON.stringify({ ...stored, ...Object.fromEntries(generated.map((k) => [k, keys[k]])) }, null, 2),
      {
        mode: 0o600,
      },
    );
  }
  return keys;
}
