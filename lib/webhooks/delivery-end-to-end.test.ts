import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startExecutor, type RunningExecutor } from "@/inngest/executor/executor";
import type { Db } from "@/lib/db/client";
import { createTestDatabase, type TestDatabase } from "@/test/support/database";
import { freePort } from "@/test/support/free-port";
import { hostRoute } from "@/test/support/route-host";
import { startReceiver } from "@/test/support/receiver";
import { seedNodeVerifies, seedPythonVerifies } from "@/test/support/seed-snippets";
import { createTestOrganization, setWebhookTestEnv } from "@/test/support/webhook-fixtures";
import { EVENT_CATALOGUE } from "./event-catalogue";

// The whole pipeline: emitEvent → real Inngest SDK route handler (app/api/inngest/route.ts) →
// our embedded executor → deliver, one step per attempt, against loopback receivers.
// The documented schedule (1 m, 5 m, 30 m) runs 1,000× faster through the executor's time scale,
// a configuration, not a mock of time. (The SDK rounds sleeps to whole seconds, so scaling the
// schedule itself below 1 s would not work.)
const TIME_SCALE = 0.001;
const SCHEDULE = [60_000, 300_000, 1_800_000].map((ms) => ms * TIME_SCALE);

let database: TestDatabase;
let executor: RunningExecutor;
let host: { url: string; close: () => Promise<void> };
let db: Db;
const executorLog: string[] = [];
let lib: {
  withEvents: typeof import("./emit-event").withEvents;
  emitEvent: typeof import("./emit-event").emitEvent;
  outboxEvent: typeof import("./emit-event").outboxEvent;
  sweepOutbox: typeof import("./emit-event").sweepOutbox;
  createLeadOnce: typeof import("@/lib/inbound/create-lead-once").createLeadOnce;
  inngest: typeof import("@/inngest/client").inngest;
  createEndpoint: typeof import("./manage-endpoints").createEndpoint;
};

beforeAll(async () => {
  database = await createTestDatabase();
  const executorPort = await freePort();
  setWebhookTestEnv({
    DATABASE_URL: database.url,
    INNGEST_DEV: `http://127.0.0.1:${executorPort}`,
    WEBHOOK_TIMEOUT_MS: "500",
  });
  // Imported after the environment is set: the Inngest client reads INNGEST_DEV when created.
  const route = await import("@/app/api/inngest/route");
  host = await hostRoute({ GET: route.GET, POST: route.POST, PUT: route.PUT });
  // PGlite serves every connection from one session, where named prepared statements would collide.
  executor = await startExecutor({
    databaseUrl: database.url,
    appUrl: host.url,
    port: executorPort,
    timeScale: TIME_SCALE,
    preparedStatements: !database.embedded,
    log: (line) => executorLog.push(line),
  });
  await until(
    async () => ((await (await fetch(`${executor.url}/health`)).json()) as { synced: boolean }).synced,
    10_000,
  );
  lib = {
    ...(await import("./emit-event")),
    createEndpoint: (await import("./manage-endpoints")).createEndpoint,
    createLeadOnce: (await import("@/lib/inbound/create-lead-once")).createLeadOnce,
    inngest: (await import("@/inngest/client")).inngest,
  };
  db = (await import("@/lib/db/client")).getDb();
});

afterAll(async () => {
  await executor?.stop();
  await host?.close();
  await db?.$disconnect();
  await database?.drop();
});

async function until(check: () => Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("timed out");
}

async function deliverOne(
  reply: Parameters<typeof startReceiver>[0],
  type: "booking.created" | "lead.created" = "booking.created",
) {
  const receiver = await startReceiver(reply);
  executorLog.length = 0;
  const org = await createTestOrganization(db);
  const { endpoint, secret } = await lib.createEndpoint(db, org.id, { url: receiver.url, event_types: [type] });
  await lib.withEvents(db, (_tx, emit) => emit(org.id, type, EVENT_CATALOGUE[type].sample));
  let delivery = null as Awaited<ReturnType<typeof db.webhookDelivery.findFirst>>;
  await until(async () => {
    delivery = await db.webhookDelivery.findFirst({ where: { endpointId: endpoint.id } });
    return delivery !== null && delivery.status !== "pending";
  }, 15_000);
  const attempts = await db.webhookDeliveryAttempt.findMany({
    where: { deliveryId: delivery!.id },
    orderBy: { attemptNumber: "asc" },
  });
  await receiver.close();
  return { receiver, endpoint, secret, delivery: delivery!, attempts };
}

const gaps = (times: number[]) => times.slice(1).map((t, i) => t - times[i]);

describe("deliveries through the executor", () => {
  it("make exactly 4 attempts on the scaled schedule, then fail", async () => {
    const { delivery, attempts, receiver } = await deliverOne(() => ({ status: 500 }));
    expect(delivery.status).toBe("failed");
    expect(attempts.map((a) => a.responseStatus)).toEqual([500, 500, 500, 500]);
    expect(receiver.received).toHaveLength(4);
    // The waits the executor was asked for: the schedule with ±10 % jitter, in order.
    const sleeps = executorLog
      .map((l) => l.match(/step=wait-\d sleeping (\d+)ms/)?.[1])
      .filter(Boolean)
      .map(Number);
    expect(sleeps).toHaveLength(3);
    sleeps.forEach((ms, i) => {
      expect(ms).toBeGreaterThanOrEqual(Math.floor(SCHEDULE[i] * 0.9));
      expect(ms).toBeLessThanOrEqual(Math.ceil(SCHEDULE[i] * 1.1) + 1);
    });
    // And the receiver really saw them: each gap is at least the wait, plus step-call overhead
    // (which is large in a cold test process, hence the generous cap).
    gaps(receiver.received.map((r) => r.at)).forEach((gap, i) => {
      expect(gap).toBeGreaterThanOrEqual(sleeps[i] - 5);
      expect(gap).toBeLessThan(sleeps[i] + 1500);
    });
  });

  it("stop retrying when the third attempt gets a 2xx; every attempt carries the same webhook-id", async () => {
    const { delivery, attempts, receiver, secret } = await deliverOne((n) => ({ status: n < 3 ? 503 : 200 }));
    expect(delivery.status).toBe("succeeded");
    expect(attempts.map((a) => [a.attemptNumber, a.responseStatus])).toEqual([
      [1, 503],
      [2, 503],
      [3, 200],
    ]);
    expect(new Set(receiver.received.map((r) => r.headers["webhook-id"]))).toEqual(new Set([delivery.id]));
    const last = receiver.received[2];
    const signature = String(last.headers["x-empfio-signature"]);
    expect(seedPythonVerifies(last.body, signature, secret)).toBe(true);
    expect(seedNodeVerifies(last.body, signature, secret)).toBe(true);
    expect(seedPythonVerifies(last.body.replace("Haircut", "Shave"), signature, secret)).toBe(false);
    expect(JSON.parse(last.body)).toMatchObject({
      event: "booking.created",
      data: EVENT_CATALOGUE["booking.created"].sample,
    });
  });

  it("treat timeouts and redirects as failures and record why", async () => {
    const slow = await deliverOne(() => ({ delayMs: 2000 }));
    expect(slow.attempts.map((a) => a.errorKind)).toEqual(["timeout", "timeout", "timeout", "timeout"]);
    const moved = await deliverOne(() => ({ status: 301, headers: { Location: "https://elsewhere.example/hook" } }));
    expect(moved.delivery.status).toBe("failed");
    expect(moved.attempts).toHaveLength(4);
    expect(moved.receiver.received).toHaveLength(4);
  });

  it("stop at once on 410 Gone and disable the endpoint", async () => {
    const { delivery, attempts, endpoint } = await deliverOne(() => ({ status: 410 }));
    expect(delivery.status).toBe("failed");
    expect(attempts).toHaveLength(1);
    expect(await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).toMatchObject({
      enabled: false,
    });
  });

  it("retry a refused connection on schedule", async () => {
    const org = await createTestOrganization(db);
    const port = await freePort();
    const { endpoint } = await lib.createEndpoint(db, org.id, {
      url: `http://127.0.0.1:${port}/hook`,
      event_types: ["lead.created"],
    });
    await lib.withEvents(db, (_tx, emit) => emit(org.id, "lead.created", EVENT_CATALOGUE["lead.created"].sample));
    await until(
      async () => (await db.webhookDelivery.findFirst({ where: { endpointId: endpoint.id } }))?.status === "failed",
      15_000,
    );
    const refused = await db.webhookDeliveryAttempt.findMany({ where: { delivery: { endpointId: endpoint.id } } });
    expect(refused.map((a) => a.errorKind)).toEqual(["refused", "refused", "refused", "refused"]);
  });

  it("start the deliveries of an event committed but never handed over, once, from the outbox sweep", async () => {
    const receiver = await startReceiver();
    const org = await createTestOrganization(db);
    const { endpoint } = await lib.createEndpoint(db, org.id, { url: receiver.url, event_types: ["lead.created"] });
    // A crash between commit and hand-over: the event and its delivery exist, no run does.
    const event = await db.$transaction((tx) =>
      lib.emitEvent(tx, org.id, "lead.created", EVENT_CATALOGUE["lead.created"].sample),
    );
    expect(await lib.sweepOutbox(db, 60_000)).toBe(0);
    expect(await lib.sweepOutbox(db, 0)).toBeGreaterThanOrEqual(1);
    await until(
      async () =>
        (await db.webhookDelivery.findFirstOrThrow({ where: { endpointId: endpoint.id } })).status === "succeeded",
      15_000,
    );
    expect((await db.webhookEvent.findUniqueOrThrow({ where: { id: event.id } })).dispatchedAt).not.toBeNull();
    // Sent again (a sweeper that crashed before marking it), the delivery's run id dedupes it.
    await db.webhookEvent.update({ where: { id: event.id }, data: { dispatchedAt: null } });
    await db.webhookDelivery.update({ where: { id: event.deliveries[0].id }, data: { status: "pending" } });
    expect(await lib.sweepOutbox(db, 0)).toBeGreaterThanOrEqual(1);
    await new Promise((r) => setTimeout(r, 1000));
    expect(receiver.received.map((r) => r.headers["webhook-id"])).toEqual([event.deliveries[0].id]);
    await receiver.close();
  });

  it("hand concurrent emits over together, in fewer sends than emits, and deliver each once", async (ctx) => {
    // PGlite runs one session at a time: its transactions cannot overlap.
    if (database.embedded) ctx.skip();
    const receiver = await startReceiver();
    const org = await createTestOrganization(db);
    await lib.createEndpoint(db, org.id, { url: receiver.url, event_types: ["lead.created"] });
    // As many as the app's pool holds connections, so each emit's transaction starts at once.
    const emits = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        lib.withEvents(db, (_tx, emit) =>
          emit(org.id, "lead.created", { ...EVENT_CATALOGUE["lead.created"].sample, name: `Caller ${i}` }),
        ),
      ),
    );
    const ids = emits.flatMap((e) => e.events[0].deliveries.map((d) => d.id));
    expect(ids).toHaveLength(10);
    // Each emit returned once its hand-over was done.
    expect(await db.webhookEvent.count({ where: { organizationId: org.id, dispatchedAt: null } })).toBe(0);
    // The executor stores one send's events in one transaction: one received_at per send.
    const [{ sends }] = await db.$queryRaw<{ sends: number }[]>`
      SELECT count(DISTINCT received_at)::int AS sends FROM executor.events WHERE payload->'data'->>'deliveryId' = ANY (${ids})`;
    expect(sends).toBeGreaterThanOrEqual(1);
    expect(sends).toBeLessThan(10);
    await until(async () => receiver.received.length >= 10, 15_000);
    await new Promise((r) => setTimeout(r, 300));
    expect(receiver.received.map((r) => r.headers["webhook-id"]).sort()).toEqual([...ids].sort());
    await receiver.close();
  });

  it("hand an agent's new_lead to Inngest straight from its one statement, without waiting for the sweep", async () => {
    const receiver = await startReceiver();
    const org = await createTestOrganization(db);
    await lib.createEndpoint(db, org.id, { url: receiver.url, event_types: ["lead.created"] });
    const lead = { name: "Quick Caller", email: "quick@example.com", phone: null, channel: "webchat" as const };
    const result = await lib.createLeadOnce(
      db,
      { organizationId: org.id, dedupeKey: `test-${org.id}`, windowMs: 60_000, lead },
      { startedAt: performance.now() },
    );
    await until(async () => receiver.received.length === 1, 10_000);
    expect(JSON.parse(receiver.received[0].body)).toMatchObject({
      event: "lead.created",
      data: { id: (result.body as { lead_id: string }).lead_id, name: "Quick Caller" },
    });
    const event = await db.webhookEvent.findFirstOrThrow({ where: { organizationId: org.id } });
    expect(event.dispatchedAt).not.toBeNull();
    await receiver.close();
  });

  it("deliver events written before the fan-out moved into the emit: from the sweep, and from the legacy fan-out", async () => {
    const receiver = await startReceiver();
    const org = await createTestOrganization(db);
    await lib.createEndpoint(db, org.id, { url: receiver.url, event_types: ["lead.created"] });
    // As the old emit wrote them: an outbox row and no delivery; one never handed over, one
    // handed over to the old fan-out function as `empfio/webhook.event-created`.
    const [unsent, sent] = [0, 1].map(() =>
      lib.outboxEvent(org.id, "lead.created", EVENT_CATALOGUE["lead.created"].sample),
    );
    for (const e of [unsent, sent]) {
      await db.webhookEvent.create({
        data: {
          id: e.id,
          organizationId: org.id,
          type: e.type,
          payload: e.payload,
          occurredAt: e.occurredAt,
          dispatchedAt: e === sent ? new Date() : null,
        },
      });
    }
    await lib.inngest.send({ id: sent.id, name: "empfio/webhook.event-created", data: { eventId: sent.id } });
    expect(await lib.sweepOutbox(db, 0)).toBe(1);
    await until(
      async () => (await db.webhookDelivery.count({ where: { organizationId: org.id, status: "succeeded" } })) === 2,
      15_000,
    );
    const deliveries = await db.webhookDelivery.findMany({ where: { organizationId: org.id } });
    expect(deliveries.map((d) => d.eventId).sort()).toEqual([unsent.id, sent.id].sort());
    expect(new Set(receiver.received.map((r) => r.headers["webhook-id"]))).toEqual(
      new Set(deliveries.map((d) => d.id)),
    );
    expect(receiver.received).toHaveLength(2);
    await receiver.close();
  });
});
