import "server-only";
import { randomBytes } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { createOrganization } from "./create-organization";

export const DEMO_OWNER_EMAIL = "owner@demo-salon.example";

/** On an empty database, creates "Demo Salon" and its owner; returns the new credentials, or null. */
export async function seedDemoOrganization(db: Db): Promise<{ email: string; password: string } | null> {
  if ((await db.organization.count()) > 0) return null;
  const password = randomBytes(9).toString("base64url");
  await createOrganization(db, {
    name: "Demo Salon",
    slug: "demo-salon",
    ownerEmail: DEMO_OWNER_EMAIL,
    ownerPassword: password,
    ownerName: "Demo Owner",
  });
  return { email: DEMO_OWNER_EMAIL, password };
}
