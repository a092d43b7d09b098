import { randomBytes } from "node:crypto";
import type { Db } from "@/lib/db/client";

/** Settings the webhook code reads from the environment, set for a test process. */
export function setWebhookTestEnv(overrides: Record<string, string> = {}) {
  process.env.ENCRYPTION_KEY ??= randomBytes(32).toString("base64");
  process.env.WEBHOOK_ALLOW_INSECURE_URLS = "1";
  Object.assign(process.env, overrides);
}

export async function createTestOrganization(db: Db, slug = `org-${randomBytes(4).toString("hex")}`) {
  return db.organization.create({ data: { name: `Salon ${slug}`, slug } });
}
