import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { createTestDatabase, type TestDatabase } from "@/test/support/database";
import { hostRoute } from "@/test/support/route-host";
import { createTestOrganization, setWebhookTestEnv } from "@/test/support/webhook-fixtures";

// API key scopes over real HTTP: a read-only key reads but never writes; no key, whatever its
// scope, mints or revokes keys or reveals a signing secret; an expired key is refused.
let database: TestDatabase;
let db: Db;
const hosts: Awaited<ReturnType<typeof hostRoute>>[] = [];
const origin: Record<string, string> = {};
const keys = {} as Record<"readOnly" | "manage" | "expired", string>;
let orgId: string;
let endpointId: string;
let manageKeyId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  setWebhookTestEnv({ DATABASE_URL: database.url, WEBHOOK_ALLOW_INSECURE_URLS: "1" });
  db = (await import("@/lib/db/client")).getDb();
  const { createApiKey } = await import("@/lib/api-keys/manage-api-keys");
  const { createEndpoint } = await import("@/lib/webhooks/manage-endpoints");
  orgId = (await createTestOrganization(db)).id;
  keys.readOnly = (await createApiKey(db, orgId, { name: "reader" })).key;
  const manage = await createApiKey(db, orgId, { name: "writer", scope: "manage" });
  keys.manage = manage.key;
  manageKeyId = manage.apiKey.id;
  const expired = await createApiKey(db, orgId, { name: "old", scope: "manage", expires_in_days: 1 });
  await db.apiKey.update({ where: { id: expired.apiKey.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
  keys.expired = expired.key;
  endpointId = (await createEndpoint(db, orgId, { url: "https://example.com/hook", event_types: ["lead.created"] }))
    .endpoint.id;
  const routes: [string, object][] = [
    ["/api/v1/webhook-endpoints", await import("@/app/api/v1/webhook-endpoints/route")],
    ["/api/v1/api-keys", await import("@/app/api/v1/api-keys/route")],
    ["/api/v1/api-keys/[id]", await import("@/app/api/v1/api-keys/[id]/route")],
    [
      "/api/v1/webhook-endpoints/[id]/secret/reveal",
      await import("@/app/api/v1/webhook-endpoints/[id]/secret/reveal/route"),
    ],
  ];
  for (const [path, handlers] of routes) {
    const host = await hostRoute(handlers as Parameters<typeof hostRoute>[0], path);
    hosts.push(host);
    origin[path] = host.origin;
  }
});

afterAll(async () => {
  for (const host of hosts) await host.close();
  await db?.$disconnect();
  await database?.drop();
});

function call(key: string, method: string, route: string, url: string, body?: unknown) {
  return fetch(`${origin[route]}${url}`, {
    method,
    headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

const newEndpoint = { url: "https://example.com/other", event_types: ["lead.created"] };

describe("API key scopes", () => {
  it("a read-only key reads, and every write it tries is a 403 that changes nothing", async () => {
    expect((await call(keys.readOnly, "GET", "/api/v1/webhook-endpoints", "/api/v1/webhook-endpoints")).status).toBe(
      200,
    );
    const write = await call(
      keys.readOnly,
      "POST",
      "/api/v1/webhook-endpoints",
      "/api/v1/webhook-endpoints",
      newEndpoint,
    );
    expect(write.status).toBe(403);
    expect((await write.json()).error.code).toBe("forbidden");
    expect(await db.webhookEndpoint.count({ where: { organizationId: orgId } })).toBe(1);
    const created = await call(
      keys.manage,
      "POST",
      "/api/v1/webhook-endpoints",
      "/api/v1/webhook-endpoints",
      newEndpoint,
    );
    expect(created.status).toBe(201);
  });

  it("no key mints or revokes keys or reveals a signing secret, whatever its scope", async () => {
    const before = await db.apiKey.count();
    for (const key of [keys.readOnly, keys.manage]) {
      const mint = await call(key, "POST", "/api/v1/api-keys", "/api/v1/api-keys", { name: "minted", scope: "manage" });
      expect(mint.status).toBe(403);
      expect((await mint.json()).error.message).toContain("sign in");
      const revoke = await call(key, "DELETE", "/api/v1/api-keys/[id]", `/api/v1/api-keys/${manageKeyId}`);
      expect(revoke.status).toBe(403);
      const reveal = await call(
        key,
        "POST",
        "/api/v1/webhook-endpoints/[id]/secret/reveal",
        `/api/v1/webhook-endpoints/${endpointId}/secret/reveal`,
      );
      expect(reveal.status).toBe(403);
      expect(await reveal.text()).not.toContain("whsec_");
    }
    expect(await db.apiKey.count()).toBe(before);
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: manageKeyId } })).revokedAt).toBeNull();
  });

  it("an expired key is refused; the list shows each key's scope, expiry and last use", async () => {
    expect((await call(keys.expired, "GET", "/api/v1/webhook-endpoints", "/api/v1/webhook-endpoints")).status).toBe(
      401,
    );
    const list = await (await call(keys.readOnly, "GET", "/api/v1/api-keys", "/api/v1/api-keys")).json();
    const byName = Object.fromEntries(list.data.map((k: { name: string }) => [k.name, k]));
    expect(byName.reader).toMatchObject({ scope: "read_only", expires_at: null, last_used_at: expect.any(String) });
    expect(byName.writer).toMatchObject({ scope: "manage" });
    expect(byName.old.expires_at).toEqual(expect.any(String));
  });

  it("validates the scope and expiry at creation", async () => {
    const { createApiKey } = await import("@/lib/api-keys/manage-api-keys");
    await expect(createApiKey(db, orgId, { name: "x", scope: "admin" })).rejects.toMatchObject({ status: 422 });
    await expect(createApiKey(db, orgId, { name: "x", expires_in_days: 0 })).rejects.toMatchObject({ status: 422 });
  });
});
