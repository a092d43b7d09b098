import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { installInngestDeliveryRuns } from "@/inngest/install-delivery-runs";
import type { Db } from "@/lib/db/client";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { installDeliveryRuns, type DeliveryRuns } from "@/lib/webhooks/delivery-runs";
import { setUpTestDb } from "@/test/support/test-db";
import { createTestOrganization, setWebhookTestEnv } from "@/test/support/webhook-fixtures";
import { createEndpoint } from "@/lib/webhooks/manage-endpoints";
import { SAME_PAYLOAD_WINDOW_MS } from "./claim-dedupe-key";
import { createLeadOnce } from "./create-lead-once";

// new_lead's one statement, with many leads arriving at once: they are written together, and
// each answers and writes what it would alone.
setWebhookTestEnv();
const t = setUpTestDb(4);

/**
 * The leads go through a client that notes the text of every statement it sends, so the tests
 * count statements on any PostgreSQL (pg_stat_statements is not loaded everywhere, nor in PGlite).
 */
const sent: string[] = [];
let pool: pg.Pool;
let db: Db;
beforeAll(() => {
  pool = new pg.Pool({ connectionString: t.url, max: 4 });
  pool.on("connect", (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    Object.assign(client, {
      query: (...args: unknown[]) => {
        const first = args[0] as string | { text?: string } | undefined;
        sent.push((typeof first === "string" ? first : first?.text) ?? "");
        return query(...args);
      },
    });
  });
  db = new PrismaClient({ adapter: new PrismaPg(pool) });
});
afterAll(async () => {
  await db.$disconnect();
  await pool.end();
});

const send = (organizationId: string, name: string, channel: "phone" | "whatsapp", dedupeKey = `${name}-key`) =>
  createLeadOnce(
    db,
    { organizationId, dedupeKey, windowMs: SAME_PAYLOAD_WINDOW_MS, lead: { name, channel } },
    { verification: "verified", startedAt: performance.now() },
  ).then(
    (result) => result,
    (error: Error) => ({ error: error.message }),
  );

describe("new leads arriving together", () => {
  it("are written in fewer statements than leads, each with its own answer, rows, deliveries and log", async () => {
    const leadStatementsBefore = statementCalls("INSERT INTO leads");
    const org = await createTestOrganization(t.db);
    const other = await createTestOrganization(t.db);
    const all = await createEndpoint(t.db, org.id, { url: "http://127.0.0.1:9/all", event_types: ["lead.created"] });
    const phones = await createEndpoint(t.db, org.id, {
      url: "http://127.0.0.1:9/phones",
      event_types: ["lead.created"],
      filter: { "data.channel": "phone" },
    });

    const names = Array.from({ length: 20 }, (_, i) => `Lead ${i}`);
    const answers = await Promise.all([
      ...names.map((name, i) => send(org.id, name, i % 2 ? "phone" : "whatsapp")),
      send(org.id, "Lead 0 again", "whatsapp", "Lead 0-key"),
      send("00000000-0000-4000-8000-000000000000", "Nobody's", "phone"),
      send(other.id, "Other's", "phone"),
    ]);

    expect(answers.slice(0, 20).map((a) => "outcome" in a && a.outcome)).toEqual(Array(20).fill("processed"));
    expect(answers.slice(20)).toMatchObject([
      { outcome: "duplicate", body: { status: "duplicate" } },
      { error: expect.stringMatching(/not found/) },
      { outcome: "processed" },
    ]);
    const leads = await t.db.lead.findMany({ where: { organizationId: org.id } });
    expect(leads.map((l) => l.name).sort()).toEqual([...names].sort());
    for (const [i, name] of names.entries()) {
      const answer = answers[i];
      expect("body" in answer && leads.find((l) => l.id === answer.body.lead_id)?.name).toBe(name);
    }
    const events = await t.db.webhookEvent.findMany({ where: { organizationId: org.id }, select: { id: true } });
    expect(events).toHaveLength(20);
    const deliveries = await t.db.webhookDelivery.groupBy({
      by: ["endpointId"],
      where: { organizationId: org.id },
      _count: true,
    });
    expect(Object.fromEntries(deliveries.map((d) => [d.endpointId, d._count]))).toEqual({
      [all.endpoint.id]: 20,
      [phones.endpoint.id]: 10,
    });
    expect(await t.db.webhookDelivery.count({ where: { organizationId: other.id } })).toBe(0);
    const logged = await t.db.inboundRequest.groupBy({
      by: ["organizationId", "outcome"],
      _count: true,
      orderBy: { _count: { outcome: "desc" } },
    });
    expect(logged.map((l) => [l.organizationId, l.outcome, l._count])).toEqual(
      expect.arrayContaining([
        [org.id, "processed", 20],
        [org.id, "duplicate", 1],
        [other.id, "processed", 1],
      ]),
    );
    expect(logged).toHaveLength(3);

    expect(statementCalls("INSERT INTO leads") - leadStatementsBefore).toBeLessThanOrEqual(3);
  });

  it("hand their deliveries over in their own statement: each endpoint's lane woken once, one run asked for each", async () => {
    const started: string[] = [];
    runs({ start: async (lanes) => void started.push(...lanes.map((l) => l.endpointId)) });
    const orgs = [await createTestOrganization(t.db), await createTestOrganization(t.db)];
    const endpoints: string[] = [];
    for (const org of orgs)
      for (const path of ["a", "b"])
        endpoints.push(
          (await createEndpoint(t.db, org.id, { url: `http://127.0.0.1:9/${path}`, event_types: ["lead.created"] }))
            .endpoint.id,
        );
    const wakeStatements = () => statementCalls("INSERT INTO webhook_endpoint_lanes", "INSERT INTO leads");
    const wakesBefore = wakeStatements();

    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => send(orgs[i % 2].id, `Handed ${i}`, "phone")),
    );

    expect(answers.map((a) => "outcome" in a && a.outcome)).toEqual(Array(20).fill("processed"));
    expect([...started].sort()).toEqual([...endpoints].sort());
    const lanes = await t.db.webhookEndpointLane.findMany({ where: { endpointId: { in: endpoints } } });
    expect(lanes).toHaveLength(4);
    for (const lane of lanes) expect(lane.holder).toMatch(/^wake:/);
    expect(wakeStatements()).toBe(wakesBefore);
  });

  it("answer even when no run can be asked for: their deliveries stay pending, their lanes free for the sweep", async () => {
    runs({ start: () => Promise.reject(new Error("Inngest is down")) });
    const org = await createTestOrganization(t.db);
    const { endpoint } = await createEndpoint(t.db, org.id, {
      url: "http://127.0.0.1:9/down",
      event_types: ["lead.created"],
    });

    const answers = await Promise.all(Array.from({ length: 5 }, (_, i) => send(org.id, `Unhanded ${i}`, "phone")));

    expect(answers.map((a) => "outcome" in a && a.outcome)).toEqual(Array(5).fill("processed"));
    expect(await t.db.webhookDelivery.count({ where: { endpointId: endpoint.id, status: "pending" } })).toBe(5);
    expect(await t.db.webhookEndpointLane.findUniqueOrThrow({ where: { endpointId: endpoint.id } })).toMatchObject({
      holder: null,
    });
  });
});

/** Statements the leads' client has sent so far whose text holds `includes` and not `excludes`. */
function statementCalls(includes: string, excludes: string | null = null): number {
  return sent.filter((text) => text.includes(includes) && !(excludes && text.includes(excludes))).length;
}

/** Delivery runs that these tests see being asked for, instead of Inngest's. */
function runs(start: Pick<DeliveryRuns, "start">) {
  installDeliveryRuns({ ...start, bulkRetry: () => Promise.resolve() });
}
afterEach(() => installInngestDeliveryRuns());
