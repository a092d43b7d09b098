import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { createTestDatabase, type TestDatabase } from "@/test/support/database";
import { startReceiver } from "@/test/support/receiver";
import { hostRoute } from "@/test/support/route-host";
import { createTestOrganization, setWebhookTestEnv } from "@/test/support/webhook-fixtures";
import { EVENT_CATALOGUE } from "./event-catalogue";

// Custom headers, payload filters and rate limits through the endpoints API over real HTTP
// (authenticated with an API key), delivered to loopback receivers by the real delivery code.

let database: TestDatabase;
let db: Db;
let hosts: Awaited<ReturnType<typeof hostRoute>>[];
let listUrl: string;
let oneUrl: (id: string) => string;
let org: { id: string; key: string };
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let lib: {
  withEvents: typeof import("./emit-event").withEvents;
  drainEndpoint: typeof import("./drain-endpoint").drainEndpoint;
};

beforeAll(async () => {
  database = await createTestDatabase();
  setWebhookTestEnv({ DATABASE_URL: database.url, INNGEST_DEV: "http://127.0.0.1:1" });
  db = (await import("@/lib/db/client")).getDb();
  const { createApiKey } = await import("@/lib/api-keys/manage-api-keys");
  const created = await createTestOrganization(db);
  org = { id: created.id, key: (await createApiKey(db, created.id, { name: "test", scope: "manage" })).key };
  const list = await import("@/app/api/v1/webhook-endpoints/route");
  const one = await import("@/app/api/v1/webhook-endpoints/[id]/route");
  hosts = [
    await hostRoute({ GET: list.GET, POST: list.POST }, "/api/v1/webhook-endpoints"),
    await hostRoute({ GET: one.GET, PATCH: one.PATCH }, "/api/v1/webhook-endpoints/[id]"),
  ];
  listUrl = `${hosts[0].origin}/api/v1/webhook-endpoints`;
  oneUrl = (id) => `${hosts[1].origin}/api/v1/webhook-endpoints/${id}`;
  lib = {
    withEvents: (await import("./emit-event")).withEvents,
    drainEndpoint: (await import("./drain-endpoint")).drainEndpoint,
  };
  receiver = await startReceiver();
});

afterAll(async () => {
  await receiver?.close();
  for (const host of hosts ?? []) await host.close();
  await db?.$disconnect();
  await database?.drop();
});

async function call(method: string, url: string, body?: unknown) {
  const res = await fetch(url, {
    method,
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${org.key}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

const TOKEN = "Bearer sk_live_0123456789abcdef";

/** Drains an endpoint as a delivery run's step does, until nothing is due. */
async function drain(endpointId: string, runId = "run-under-test") {
  for (;;) {
    const r = await lib.drainEndpoint(db, { endpointId, runId, dueBy: null }, { budgetMs: 10_000, lingerMs: 0 });
    if (r.outcome !== "more") return r;
  }
}

describe("custom headers", () => {
  it("arrive with the test ping and every delivery, are stored sealed, answered masked and redacted in the log", async () => {
    receiver.received.length = 0;
    const created = await call("POST", listUrl, {
      url: receiver.url,
      event_types: ["lead.created"],
      custom_headers: { Authorization: TOKEN, "X-Route-To": "crm-7" },
    });
    expect(created.status).toBe(201);
    expect(created.body.endpoint.custom_headers).toEqual({ Authorization: "••••••cdef", "X-Route-To": "••••••" });
    const id = created.body.endpoint.id as string;
    // The test ping sent on save carried them.
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0].headers).toMatchObject({ authorization: TOKEN, "x-route-to": "crm-7" });

    const row = await db.webhookEndpoint.findUniqueOrThrow({ where: { id } });
    expect(JSON.stringify(row.customHeaders)).not.toContain("sk_live");
    expect(JSON.stringify(row.customHeaders)).not.toContain("crm-7");

    await lib.withEvents(db, (_tx, emit) => emit(org.id, "lead.created", EVENT_CATALOGUE["lead.created"].sample));
    await drain(id);
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[1].headers).toMatchObject({ authorization: TOKEN, "x-route-to": "crm-7" });
    // Ours are still ours.
    expect(receiver.received[1].headers["content-type"]).toBe("application/json");
    expect(receiver.received[1].headers["webhook-id"]).toBeTruthy();

    const attempts = await db.webhookDeliveryAttempt.findMany({ where: { delivery: { endpointId: id } } });
    expect(attempts).toHaveLength(2);
    for (const a of attempts) {
      expect(a.requestHeaders).toMatchObject({ Authorization: "[redacted]", "X-Route-To": "[redacted]" });
      expect(JSON.stringify(a.requestHeaders)).not.toContain("crm-7");
    }
  });

  it("keep a masked value on edit, take a changed one, and refuse a masked value with nothing stored", async () => {
    const created = await call("POST", listUrl, {
      url: receiver.url,
      event_types: ["lead.created"],
      custom_headers: { Authorization: TOKEN, "X-Route-To": "crm-7" },
    });
    const id = created.body.endpoint.id as string;
    const edited = await call("PATCH", oneUrl(id), {
      custom_headers: { ...created.body.endpoint.custom_headers, "X-Route-To": "crm-9", "X-Extra": "yes" },
    });
    expect(edited.status).toBe(200);
    expect(Object.keys(edited.body.endpoint.custom_headers).sort()).toEqual(["Authorization", "X-Extra", "X-Route-To"]);

    receiver.received.length = 0;
    await lib.withEvents(db, (_tx, emit) => emit(org.id, "lead.created", EVENT_CATALOGUE["lead.created"].sample));
    await drain(id);
    const mine = receiver.received.filter((r) => r.headers["x-extra"] === "yes");
    expect(mine).toHaveLength(1);
    expect(mine[0].headers).toMatchObject({ authorization: TOKEN, "x-route-to": "crm-9" });

    const unknownMask = await call("PATCH", oneUrl(id), { custom_headers: { "X-New": "••••••" } });
    expect(unknownMask.status).toBe(422);
    expect(unknownMask.body.error.details).toEqual([{ field: "custom_headers.X-New", message: expect.any(String) }]);
  });

  it.each([
    "Host",
    "content-type",
    "User-Agent",
    "X-Empfio-Signature",
    "Webhook-Id",
    "Transfer-Encoding",
    "Connection",
  ])("refuse to override %s with a 422 naming it, writing nothing", async (name) => {
    const before = await db.webhookEndpoint.count();
    const res = await call("POST", listUrl, {
      url: receiver.url,
      event_types: ["lead.created"],
      custom_headers: { "X-Fine": "1", [name]: "mine" },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.details).toEqual([
      { field: `custom_headers.${name}`, message: expect.stringContaining(name) },
    ]);
    expect(await db.webhookEndpoint.count()).toBe(before);
  });

  it("refuse a header name that is not a token and a value that could break the request", async () => {
    const res = await call("POST", listUrl, {
      url: receiver.url,
      event_types: ["lead.created"],
      custom_headers: { "Bad Name": "1", "X-Split": "a\r\nX-Injected: 1" },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toEqual([
      "custom_headers.Bad Name",
      "custom_headers.X-Split",
    ]);
  });
});

describe("payload filters", () => {
  it("let phone leads through and not WhatsApp ones: a rejected event makes no delivery for that endpoint", async () => {
    const filtered = await call("POST", listUrl, {
      url: receiver.url,
      event_types: ["lead.created"],
      filter: { "data.channel": { $in: ["phone"] }, "data.status": "new" },
    });
    expect(filtered.status).toBe(201);
    expect(filtered.body.endpoint.filter).toEqual({ "data.channel": { $in: ["phone"] }, "data.status": "new" });
    const unfiltered = await call("POST", listUrl, { url: receiver.url, event_types: ["lead.created"] });
    const lead = (channel: string) => ({ ...EVENT_CATALOGUE["lead.created"].sample, channel });
    const { events } = await lib.withEvents(db, async (_tx, emit) => [
      await emit(org.id, "lead.created", lead("phone")),
      await emit(org.id, "lead.created", lead("whatsapp")),
    ]);
    const endpointsOf = (i: number) => events[i].deliveries.map((d) => d.endpointId).sort();
    const ours = [filtered.body.endpoint.id, unfiltered.body.endpoint.id];
    expect(endpointsOf(0).filter((id) => ours.includes(id))).toEqual([...ours].sort());
    expect(endpointsOf(1).filter((id) => ours.includes(id))).toEqual([unfiltered.body.endpoint.id]);

    receiver.received.length = 0;
    await drain(filtered.body.endpoint.id);
    expect(receiver.received.map((r) => JSON.parse(r.body).data.channel)).toEqual(["phone"]);
  });

  it("are checked on save, the 422 pointing at the bad part; null removes one", async () => {
    const created = await call("POST", listUrl, { url: receiver.url, event_types: ["lead.created"] });
    const id = created.body.endpoint.id as string;
    const bad = await call("PATCH", oneUrl(id), { filter: { $or: [{ "data.channel": { $in: "phone" } }] } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details).toEqual([
      { field: "filter.$or.0.data.channel.$in", message: expect.stringContaining("list") },
    ]);
    expect((await call("GET", oneUrl(id))).body.endpoint.filter).toBeNull();
    await call("PATCH", oneUrl(id), { filter: { "data.status": "new" } });
    expect((await call("GET", oneUrl(id))).body.endpoint.filter).toEqual({ "data.status": "new" });
    await call("PATCH", oneUrl(id), { filter: null });
    expect((await call("GET", oneUrl(id))).body.endpoint.filter).toBeNull();
  });
});

describe("rate limits", () => {
  const startedAt = async (endpointId: string) =>
    (
      await db.webhookDeliveryAttempt.findMany({
        where: { delivery: { endpointId, isTest: false } },
        orderBy: { startedAt: "asc" },
      })
    ).map((a) => a.startedAt.getTime());

  it("pace 30 deliveries to an endpoint limited to 5/s over at least 5 s, and all succeed", async () => {
    const created = await call("POST", listUrl, {
      url: receiver.url,
      event_types: ["booking.created"],
      rate_limit_per_second: 5,
    });
    expect(created.body.endpoint.rate_limit_per_second).toBe(5);
    const id = created.body.endpoint.id as string;
    await lib.withEvents(db, async (_tx, emit) => {
      for (let i = 0; i < 30; i++) await emit(org.id, "booking.created", EVENT_CATALOGUE["booking.created"].sample);
    });
    // Steps of 2 s, as a run takes them: the pace holds across steps.
    for (;;) {
      const r = await lib.drainEndpoint(
        db,
        { endpointId: id, runId: "paced", dueBy: null },
        { budgetMs: 2_000, lingerMs: 0 },
      );
      if (r.outcome !== "more") break;
    }
    const deliveries = await db.webhookDelivery.findMany({ where: { endpointId: id, isTest: false } });
    expect(deliveries).toHaveLength(30);
    expect(deliveries.every((d) => d.status === "succeeded" && d.attemptCount === 1)).toBe(true);
    const times = await startedAt(id);
    expect(times).toHaveLength(30);
    const span = times[29] - times[0];
    console.log(`30 deliveries at 5/s: first to last request ${span} ms`);
    expect(span).toBeGreaterThanOrEqual(5_000);
  });

  it("hold across runs: a new run waits for the slots the last one reserved", async () => {
    const created = await call("POST", listUrl, {
      url: receiver.url,
      event_types: ["booking.created"],
      rate_limit_per_second: 1,
    });
    const id = created.body.endpoint.id as string;
    const emitOne = () =>
      lib.withEvents(db, (_tx, emit) => emit(org.id, "booking.created", EVENT_CATALOGUE["booking.created"].sample));
    await emitOne();
    const a = await lib.drainEndpoint(
      db,
      { endpointId: id, runId: "run-a", dueBy: null },
      { budgetMs: 5_000, lingerMs: 0 },
    );
    expect(a).toMatchObject({ outcome: "idle", attempts: 1 });
    // As if run A had reserved slots for 3 s more before it ended (a crash after its claim).
    const [lane] = await db.$queryRaw<{ next_send_at: Date }[]>`
      UPDATE webhook_endpoint_lanes SET next_send_at = now() + interval '3 seconds'
      WHERE endpoint_id = ${id}::uuid RETURNING next_send_at`;
    await emitOne();
    const b = await lib.drainEndpoint(
      db,
      { endpointId: id, runId: "run-b", dueBy: null },
      { budgetMs: 5_000, lingerMs: 0 },
    );
    expect(b).toMatchObject({ outcome: "idle", attempts: 1 });
    const [, second] = await startedAt(id);
    expect(second).toBeGreaterThanOrEqual(lane.next_send_at.getTime() - 50);
  });

  it("are whole numbers from 1 to 1000, or null", async () => {
    const created = await call("POST", listUrl, { url: receiver.url, event_types: ["lead.created"] });
    const id = created.body.endpoint.id as string;
    expect(created.body.endpoint.rate_limit_per_second).toBeNull();
    for (const bad of [0, 1001, 2.5, "5"]) {
      const res = await call("PATCH", oneUrl(id), { rate_limit_per_second: bad });
      expect(res.status).toBe(422);
      expect(res.body.error.details[0].field).toBe("rate_limit_per_second");
    }
    expect((await call("PATCH", oneUrl(id), { rate_limit_per_second: 20 })).body.endpoint.rate_limit_per_second).toBe(
      20,
    );
    expect(
      (await call("PATCH", oneUrl(id), { rate_limit_per_second: null })).body.endpoint.rate_limit_per_second,
    ).toBeNull();
  });
});
