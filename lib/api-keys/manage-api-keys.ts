import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { notFound, validationError } from "@/lib/errors";

const KEY_PREFIX = "emp_";
export const createApiKeySchema = z.object({
  name: z.string().trim().min(1, "name is required").max(100, "name must be at most 100 characters"),
});

function hashKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

/** A new key, shown once: only its hash and a recognisable prefix are stored. */
export async function createApiKey(db: Db, organizationId: string, input: unknown) {
  const parsed = createApiKeySchema.safeParse(input);
  if (!parsed.success)
    throw validationError(parsed.error.issues.map((i) => ({ field: i.path.join(".") || "body", message: i.message })));
  const key = `${KEY_PREFIX}${randomBytes(24).toString("base64url")}`;
  const apiKey = await db.apiKey.create({
    data: { organizationId, name: parsed.data.name, prefix: key.slice(0, 12), keyHash: hashKey(key) },
  });
  return { apiKey, key };
}

export function listApiKeys(db: Db, organizationId: string) {
  return db.apiKey.findMany({ where: { organizationId }, orderBy: { createdAt: "desc" } });
}

export async function revokeApiKey(db: Db, organizationId: string, id: string) {
  const { count } = await db.apiKey.updateMany({
    where: { id, organizationId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (count === 0) throw notFound("API key");
}

/** The organization a presented key belongs to, or null. Records when it was last used. */
export async function verifyApiKey(db: Db, key: string) {
  if (!key.startsWith(KEY_PREFIX) || key.length > 100) return null;
  const apiKey = await db.apiKey.findUnique({ where: { keyHash: hashKey(key) }, include: { organization: true } });
  if (!apiKey || apiKey.revokedAt) return null;
  // At most one write a minute per key, so a busy client does not turn every read into a write.
  if (!apiKey.lastUsedAt || Date.now() - apiKey.lastUsedAt.getTime() > 60_000) {
    await db.apiKey.update({ where: { id: apiKey.id }, data: { lastUsedAt: new Date() } });
  }
  return apiKey;
}

export function apiKeyJson(k: {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}) {
  return {
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    created_at: k.createdAt.toISOString(),
    last_used_at: k.lastUsedAt?.toISOString() ?? null,
    revoked_at: k.revokedAt?.toISOString() ?? null,
  };
}
