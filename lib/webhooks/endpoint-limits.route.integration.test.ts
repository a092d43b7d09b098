import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { createTestDatabase, type TestDatabase } from "@/test/support/database";
import { startReceiver } from "@/test/support/receiver";
import { hostRoute } from "@/test/support/route-host";
import { createTestOrganization, setWebhookTestEnv } from "@/test/support/webhook-fixtures";

// Abuse limits over real HTTP: an organization has at most 50 endpoints however many creates
// race, and creating endpoints and sending samples are rate-limited per organization.
let database: TestDatabase;
let db: Db;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
const hosts: Awaited<ReturnType<typeof hostRoute>>[] = [];
let endpointsUrl: string;
let sampleOrigin: string;

beforeAll(async () => {
  database = await createTestDatabase();
  setWebhookTestEnv({ DATABASE_URL: database.url });
  // A mock at the executor's boundary: runs are accepted and never started, as no executor runs here.
  const { installDeliveryRuns } = await import("./delivery-runs");
  installDeliveryRuns({ start: async () => undefined, bulkRetry: async () => undefined });
  db = (await import("@/lib/db/client")).getDb();
  receiver = await startReceiver();
  const list = await hostRoute(await import("@/app/api/v1/webhook-endpoints/route"), "/api/v1/webhook-endpoints");
  const sample = await hostRoute(
    await import("@/app/api/v1/webhook-endpoints/[id]/send-sample/route"),
    "/api/v1/webhook-endpoints/[id]/send-sample",
  );
  hosts.push(list, sample);
  endpointsUrl = list.url;
  sampleOrigin = sample.origin;
});

afterAll(async () => {
  for (const host of hosts) await host.close();
  await receiver?.close();
  await db?.$disconnect();
  await database?.drop();
});

async function newOrganization() {
  const { createApiKey } = await import("@/lib/api-keys/manage-api-keys");
  const org = await createTestOrganization(db);
  return { id: org.id, key: (await createApiKey(db, org.id, { name: "ops", scope: "manage" })).key };
}

function post(key: string, url: string, body: unknown) {
  return fetch(url, {
    method: "POST",
    headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
}

/** The limits count in fixed minutes: a test starting a few seconds before one ends waits for the next. */
async function atMinuteStart() {
  const intoMinute = Date.now() % 60_000;
  if (intoMinute > 50_000) await new Promise((r) => setTimeout(r, 60_000 - intoMinute));
}

const endpoint = () => ({ url: receiver.url, event_types: ["lead.created"] });

describe("endpoints per organization", () => {
  it("ten creates racing at 49 endpoints make one more; the others get 409 saying why", async () => {
    const org = await newOrganization();
    await db.webhookEndpoint.createMany({
      data: Array.from({ length: 49 }, (_, i) => ({
        organizationId: org.id,
        url: `https://example.com/hook/${i}`,
        eventTypes: ["lead.created"],
        secretEncrypted: "unused",
      })),
    });
    const answers = await Promise.all(Array.from({ length: 10 }, () => post(org.key, endpointsUrl, endpoint())));
    expect(answers.map((r) => r.status).sort()).toEqual([201, ...Array<number>(9).fill(409)]);
    const refused = await answers.find((r) => r.status === 409)!.json();
    expect(refused.error.message).toMatch(/has 50 endpoints, the most allowed/);
    expect(await db.webhookEndpoint.count({ where: { organizationId: org.id } })).toBe(50);
  });
});

describe("rate limits per organization", { timeout: 30_000 }, () => {
  it("the 21st endpoint created within a minute is refused with 429 and Retry-After, and not created", async () => {
    const org = await newOrganization();
    await atMinuteStart();
    for (let i = 0; i < 20; i++) expect((await post(org.key, endpointsUrl, endpoint())).status).toBe(201);
    const limited = await post(org.key, endpointsUrl, endpoint());
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await limited.json()).error.message).toMatch(/Too many new endpoints for this organization/);
    expect(await db.webhookEndpoint.count({ where: { organizationId: org.id } })).toBe(20);
    const other = await newOrganization();
    expect((await post(other.key, endpointsUrl, endpoint())).status).toBe(201);
  });

  it("the 31st sample within a minute is refused with 429, and queues nothing", async () => {
    const org = await newOrganization();
    const { createEndpoint } = await import("./manage-endpoints");
    const { endpoint: target } = await createEndpoint(db, org.id, endpoint());
    await atMinuteStart();
    const url = `${sampleOrigin}/api/v1/webhook-endpoints/${target.id}/send-sample`;
    for (let i = 0; i < 30; i++) expect((await post(org.key, url, { event_type: "lead.created" })).status).toBe(202);
    const limited = await post(org.key, url, { event_type: "lead.created" });
    expect(limited.status).toBe(429);
    expect((await limited.json()).error.message).toMatch(/Too many samples for this organization/);
    expect(await db.webhookEvent.count({ where: { organizationId: org.id } })).toBe(30);
    expect(await db.webhookDelivery.count({ where: { endpointId: target.id } })).toBe(30);
  });
});
