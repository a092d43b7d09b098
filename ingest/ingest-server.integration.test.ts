import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { createTestDatabase, type TestDatabase } from "@/test/support/database";
import { createTestOrganization, setWebhookTestEnv } from "@/test/support/webhook-fixtures";

// The ingest tier's server over real HTTP on loopback, on a throwaway PostgreSQL database, with
// the web tier in front of it counted as one trusted proxy (TRUSTED_PROXY_HOPS=1, as npm start
// runs it). Inngest is unreachable on purpose: the deliveries stay in PostgreSQL, where the test
// reads them.
const TOKEN = "internal-test-token-0123456789";
let database: TestDatabase;
let db: Db;
let server: Server;
let origin: string;
let orgId: string;
let endpointId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  setWebhookTestEnv({
    DATABASE_URL: database.url,
    INTERNAL_AUTH_TOKEN: TOKEN,
    TRUSTED_PROXY_HOPS: "1",
    METRICS_TOKEN: "metrics-test-token",
  });
  db = (await import("@/lib/db/client")).getDb();
  orgId = (await createTestOrganization(db)).id;
  const { createEndpoint } = await import("@/lib/webhooks/manage-endpoints");
  endpointId = (await createEndpoint(db, orgId, { url: "http://127.0.0.1:9/hook", event_types: ["lead.created"] }))
    .endpoint.id;
  const { createIngestServer } = await import("./ingest-server");
  server = createIngestServer({ concurrency: 4, queueLimit: 100 });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await db.$disconnect();
  await database.drop();
});

// As the web tier forwards it: what the sender claimed, then the address the web saw.
const FORWARDED_BY_WEB = "198.51.100.66, 203.0.113.7";

function agentEvent(body: unknown, token = TOKEN) {
  return fetch(`${origin}/api/v1/webhooks/agent-event`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${token}`,
      "content-type": "application/json",
      "x-forwarded-for": FORWARDED_BY_WEB,
    },
    body: JSON.stringify(body),
  });
}

describe("the ingest tier", () => {
  it("takes an agent event: the lead, its lead.created event and the endpoint's delivery are written", async () => {
    const res = await agentEvent({
      type: "new_lead",
      organization_id: orgId,
      data: { name: "Jane Smith", phone: "+49123456789", channel: "whatsapp" },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    const body = await res.json();
    expect(body).toMatchObject({ status: "processed", lead_id: expect.any(String) });
    expect(await db.lead.findUnique({ where: { id: body.lead_id } })).toMatchObject({ name: "Jane Smith" });
    const deliveries = await db.webhookDelivery.findMany({ where: { organizationId: orgId } });
    expect(deliveries).toMatchObject([{ endpointId, eventType: "lead.created", status: "pending" }]);
    expect(await db.inboundRequest.findMany({ where: { organizationId: orgId } })).toMatchObject([
      { source: "agent", outcome: "processed", httpStatus: 200 },
    ]);
  });

  it("answers a bad token with a 401 in JSON, writing only the rejected log row, counted against the address the web saw", async () => {
    const before = { leads: await db.lead.count(), events: await db.webhookEvent.count() };
    const res = await agentEvent(
      { type: "new_lead", organization_id: orgId, data: { name: "Mallory", channel: "whatsapp" } },
      "wrong-token",
    );
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: "unauthorized", message: expect.any(String) } });
    expect({ leads: await db.lead.count(), events: await db.webhookEvent.count() }).toEqual(before);
    expect(await db.inboundRequest.findMany({ where: { outcome: "rejected" } })).toMatchObject([
      { source: "agent", verification: "failed", httpStatus: 401, organizationId: null },
    ]);
    const counters = await db.rateLimitCounter.findMany({ where: { key: { startsWith: "inbound-rejected:agent" } } });
    expect(counters.map((c) => c.key).sort()).toEqual([
      "inbound-rejected:agent:-",
      "inbound-rejected:agent:-:203.0.113.7",
    ]);
  });

  it("routes every inbound webhook path to its handler, and nothing else", async () => {
    const varda = await fetch(`${origin}/api/v1/webhooks/varda/not-a-connection`, { method: "POST", body: "{}" });
    expect(varda.status).toBe(404);
    expect((await varda.json()).error.message).toMatch(/No Varda connection/);
    const brevo = await fetch(`${origin}/api/v1/webhooks/brevo/00000000-0000-4000-8000-000000000000/contact`, {
      method: "POST",
      body: "{}",
    });
    expect((await brevo.json()).error.message).toMatch(/No Brevo connection/);
    const calcom = await fetch(`${origin}/api/v1/webhooks/calcom`, { method: "POST", body: "{}" });
    expect(calcom.status).not.toBe(404);
    expect((await fetch(`${origin}/api/v1/webhook-endpoints`, { method: "POST", body: "{}" })).status).toBe(404);
    expect((await fetch(`${origin}/api/v1/webhooks/agent-event`)).status).toBe(405);
  });

  it("answers its health check, and its metrics to the METRICS_TOKEN bearer", async () => {
    expect(await (await fetch(`${origin}/health`)).json()).toEqual({ status: "ok" });
    expect((await fetch(`${origin}/metrics`)).status).toBe(401);
    const metrics = await fetch(`${origin}/metrics`, { headers: { authorization: "Bearer metrics-test-token" } });
    expect(await metrics.text()).toMatch(/empfio_inbound_requests_total\{[^}]*source="agent"/);
  });
});
