import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { notFound, validationError } from "@/lib/errors";

const KEY_PREFIX = "emp_";
export const API_KEY_SCOPES = ["read_only", "manage"] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];
export const createApiKeySchema = z.object({
  name: z.string().trim().min(1, "name is required").max(100, "name must be at most 100 characters"),
  scope: z
    .enum(API_KEY_SCOPES, { message: "scope is read_only or manage" })
    .default("read_only")
    .describe("read_only: GET requests only; manage: also creates, changes and deletes (never API keys or secrets)"),
  expires_in_days: z
    .number()
    .int("expires_in_days is a whole number of days")
    .min(1, "expires_in_days is at least 1")
    .max(3650, "expires_in_days is at most 3650")
    .optional()
    .describe("the key stops working after this many days; omitted: it never expires"),
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
  const { name, scope, expires_in_days: days } = parsed.data;
  const apiKey = await db.apiKey.create({
    data: {
      organizationId,
      name,
      scope,
      expiresAt: days ? new Date(Date.now() + days * 86_400_000) : null,
      prefix: key.slice(0, 12),
      keyHash: hashKey(key),
    },
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

/** The organization a presented key belongs to, or null (unknown, revoked, expired). Records when it was last used. */
export async function verifyApiKey(db: Db, key: string) {
  if (!key.startsWith(KEY_PREFIX) || key.length > 100) return null;
  const apiKey = await db.apiKey.findUnique({ where: { keyHash: hashKey(key) }, include: { organization: true } });
  if (!apiKey || apiKey.revokedAt || (apiKey.expiresAt && apiKey.expiresAt <= new Date())) return null;
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
  scope: string;
  expiresAt: Date | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}) {
  return {
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    scope: k.scope as ApiKeyScope,
    expires_at: k.expiresAt?.toISOString() ?? null,
    created_at: k.createdAt.toISOString(),
    last_used_at: k.lastUsedAt?.toISOString() ?? null,
    revoked_at: k.revokedAt?.toISOString() ?? null,
  };
}
