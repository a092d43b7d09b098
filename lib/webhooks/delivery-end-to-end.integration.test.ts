import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { waitUntil } from "@/lib/wait-until";
import { startDeliveryStack } from "@/test/support/delivery-stack";
import { freePort } from "@/test/support/free-port";
import { startReceiver } from "@/test/support/receiver";
import { seedNodeVerifies, seedPythonVerifies } from "@/test/support/seed-snippets";
import { createTestOrganization } from "@/test/support/webhook-fixtures";
import { DEFAULT_DRAIN_OPTIONS } from "./drain-endpoint";
import { EVENT_CATALOGUE } from "./event-catalogue";

// The whole pipeline: emitEvent → hand-over → the worker's real Inngest SDK handler
// (inngest/worker/functions-server.ts) → our embedded executor → the delivery run's steps, against
// loopback receivers. Signed mode, as in production: the executor signs every call with the
// signing key the worker checks.
// The documented schedule (1 m, 5 m, 30 m) runs 1,000× faster through the executor's time scale,
// a configuration, not a mock of time. (The SDK rounds sleeps to whole seconds, so scaling the
// schedule itself below 1 s would not work.)
const TIME_SCALE = 0.001;
const SCHEDULE = [60_000, 300_000, 1_800_000].map((ms) => ms * TIME_SCALE);

let stack: Awaited<ReturnType<typeof startDeliveryStack>>;
let db: Db;
const executorLog: string[] = [];
let lib: {
  withEvents: typeof import("./emit-event").withEvents;
  emitEvent: typeof import("./emit-event").emitEvent;
  outboxEvent: typeof import("./emit-event").outboxEvent;
  sweepDeliveries: typeof import("./sweep-deliveries").sweepDeliveries;
  createLeadOnce: typeof import("@/lib/inbound/create-lead-once").createLeadOnce;
  createEndpoint: typeof import("./manage-endpoints").createEndpoint;
};

beforeAll(async () => {
  stack = await startDeliveryStack({
    // The last test gives one organization 100 hanging endpoints, past the default limit of 50.
    env: { WEBHOOK_TIMEOUT_MS: "500", WEBHOOK_MAX_ENDPOINTS_PER_ORGANIZATION: "100" },
    timeScale: TIME_SCALE,
    executorLog: (line) => executorLog.push(line),
  });
  db = stack.db;
  lib = {
    ...(await import("./emit-event")),
    sweepDeliveries: (await import("./sweep-deliveries")).sweepDeliveries,
    createEndpoint: (await import("./manage-endpoints")).createEndpoint,
    createLeadOnce: (await import("@/lib/inbound/create-lead-once")).createLeadOnce,
  };
});
afterAll(() => stack?.stop());

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
  await waitUntil(
    async () => {
      delivery = await db.webhookDelivery.findFirst({ where: { endpointId: endpoint.id } });
      return delivery !== null && delivery.status !== "pending";
    },
    15_000,
    "the delivery to end",
  );
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
    // (which is large in a cold test process, hence the generous cap) and the run's linger for
    // more deliveries before it lets go of the lane (real time, which the time scale does not
    // shrink; at the real schedule it passes inside the wait).
    gaps(receiver.received.map((r) => r.at)).forEach((gap, i) => {
      expect(gap).toBeGreaterThanOrEqual(sleeps[i] - 5);
      expect(gap).toBeLessThan(sleeps[i] + DEFAULT_DRAIN_OPTIONS.lingerMs + 1500);
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
    await waitUntil(
      async () => (await db.webhookDelivery.findFirst({ where: { endpointId: endpoint.id } }))?.status === "failed",
      15_000,
      "the delivery to fail",
    );
    const refused = await db.webhookDeliveryAttempt.findMany({ where: { delivery: { endpointId: endpoint.id } } });
    expect(refused.map((a) => a.errorKind)).toEqual(["refused", "refused", "refused", "refused"]);
  });

  it("start deliveries committed but never handed over from the sweep, once, and those of a lost run", async () => {
    const receiver = await startReceiver();
    const org = await createTestOrganization(db);
    const { endpoint } = await lib.createEndpoint(db, org.id, { url: receiver.url, event_types: ["lead.created"] });
    // A crash between commit and hand-over: the event and its delivery exist, no run does.
    const event = await db.$transaction((tx) =>
      lib.emitEvent(tx, org.id, "lead.created", EVENT_CATALOGUE["lead.created"].sample),
    );
    // Not yet overdue: the hand-over may still be on its way.
    expect(await lib.sweepDeliveries(db)).toEqual({ restarted: 0, gaveUp: 0 });
    await db.webhookDelivery.updateMany({ where: { eventId: event.id }, data: { nextAttemptAt: minutesAgo(1) } });
    expect(await lib.sweepDeliveries(db)).toEqual({ restarted: 1, gaveUp: 0 });
    await waitUntil(
      async () =>
        (await db.webhookDelivery.findFirstOrThrow({ where: { endpointId: endpoint.id } })).status === "succeeded",
      15_000,
      "the delivery to succeed",
    );
    expect(await lib.sweepDeliveries(db)).toEqual({ restarted: 0, gaveUp: 0 });

    // A run that vanished holding the lane: once its lease lapsed, the sweep starts another.
    const lost = await db.$transaction((tx) =>
      lib.emitEvent(tx, org.id, "lead.created", EVENT_CATALOGUE["lead.created"].sample),
    );
    await db.webhookEndpointLane.update({
      where: { endpointId: endpoint.id },
      data: { holder: "a-run-that-was-lost", leaseUntil: minutesAgo(1) },
    });
    await db.webhookDelivery.updateMany({ where: { eventId: lost.id }, data: { nextAttemptAt: minutesAgo(1) } });
    expect(await lib.sweepDeliveries(db)).toEqual({ restarted: 1, gaveUp: 0 });
    await waitUntil(async () => receiver.received.length === 2, 15_000, "both deliveries");
    expect(receiver.received.map((r) => r.headers["webhook-id"])).toEqual([
      event.deliveries[0].id,
      lost.deliveries[0].id,
    ]);

    // Pending a day past its due time: failed, saying why, not left pending for ever.
    const stuck = await db.$transaction((tx) =>
      lib.emitEvent(tx, org.id, "lead.created", EVENT_CATALOGUE["lead.created"].sample),
    );
    await db.webhookDelivery.updateMany({ where: { eventId: stuck.id }, data: { nextAttemptAt: minutesAgo(25 * 60) } });
    expect((await lib.sweepDeliveries(db)).gaveUp).toBe(1);
    expect(await db.webhookDelivery.findFirstOrThrow({ where: { eventId: stuck.id } })).toMatchObject({
      status: "failed",
      lastError: expect.stringContaining("Not attempted within 24 hours"),
    });
    await receiver.close();
  });

  it("carry a burst to one endpoint in a few runs, each delivery once", async () => {
    // Long enough that no request of the burst times out on a busy machine (and goes again).
    process.env.WEBHOOK_TIMEOUT_MS = "5000";
    const receiver = await startReceiver();
    const org = await createTestOrganization(db);
    const { endpoint } = await lib.createEndpoint(db, org.id, { url: receiver.url, event_types: ["lead.created"] });
    // One request after another, as an agent's calls arrive: each finds the endpoint's run at work.
    const ids: string[] = [];
    for (let i = 0; i < 200; i++) {
      const { events } = await lib.withEvents(db, (_tx, emit) =>
        emit(org.id, "lead.created", { ...EVENT_CATALOGUE["lead.created"].sample, name: `Caller ${i}` }),
      );
      ids.push(events[0].deliveries[0].id);
    }
    expect(ids).toHaveLength(200);
    await waitUntil(async () => receiver.received.length >= 200, 30_000, "200 deliveries");
    await new Promise((r) => setTimeout(r, 300));
    expect(receiver.received.map((r) => String(r.headers["webhook-id"])).sort()).toEqual([...ids].sort());
    // Runs of the delivery function for this endpoint: a handful, not one per delivery.
    const [{ runs }] = await db.$queryRaw<{ runs: number }[]>`
      SELECT count(*)::int AS runs FROM executor.runs WHERE event->'data'->>'endpointId' = ${endpoint.id}`;
    expect(runs).toBeGreaterThanOrEqual(1);
    expect(runs).toBeLessThanOrEqual(20);
    process.env.WEBHOOK_TIMEOUT_MS = "500";
    await receiver.close();
  });

  it("keep at most 10 requests in flight to one endpoint", async () => {
    const receiver = await startReceiver(() => ({ delayMs: 200 }));
    const org = await createTestOrganization(db);
    await lib.createEndpoint(db, org.id, { url: receiver.url, event_types: ["lead.created"] });
    for (let i = 0; i < 30; i++)
      await lib.withEvents(db, (_tx, emit) => emit(org.id, "lead.created", EVENT_CATALOGUE["lead.created"].sample));
    await waitUntil(async () => receiver.received.length === 30, 15_000, "30 deliveries");
    // Each request is open for the 200 ms the receiver takes to answer: count the overlaps.
    const starts = receiver.received.map((r) => r.at);
    const most = Math.max(...starts.map((t) => starts.filter((u) => u <= t && t < u + 200).length));
    expect(most).toBeLessThanOrEqual(10);
    expect(most).toBeGreaterThanOrEqual(5);
    await receiver.close();
  });

  it("hand an agent's new_lead over straight from its one statement, without waiting for the sweep", async () => {
    const receiver = await startReceiver();
    const org = await createTestOrganization(db);
    await lib.createEndpoint(db, org.id, { url: receiver.url, event_types: ["lead.created"] });
    const lead = { name: "Quick Caller", email: "quick@example.com", phone: null, channel: "webchat" as const };
    const result = await lib.createLeadOnce(
      db,
      { organizationId: org.id, dedupeKey: `test-${org.id}`, windowMs: 60_000, lead },
      { startedAt: performance.now() },
    );
    await waitUntil(async () => receiver.received.length === 1, 10_000, "the new lead's delivery");
    expect(JSON.parse(receiver.received[0].body)).toMatchObject({
      event: "lead.created",
      data: { id: (result.body as { lead_id: string }).lead_id, name: "Quick Caller" },
    });
    await receiver.close();
  });

  it("fail the deliveries of a run that ended for good, with the reason", async () => {
    const receiver = await startReceiver();
    const org = await createTestOrganization(db);
    const { endpoint } = await lib.createEndpoint(db, org.id, { url: receiver.url, event_types: ["lead.created"] });
    // A secret nobody can open: every step of the run throws, its retries run out.
    await db.webhookEndpoint.update({ where: { id: endpoint.id }, data: { secretEncrypted: "not-a-sealed-secret" } });
    const { events } = await lib.withEvents(db, (_tx, emit) =>
      emit(org.id, "lead.created", EVENT_CATALOGUE["lead.created"].sample),
    );
    const id = events[0].deliveries[0].id;
    await waitUntil(
      async () => (await db.webhookDelivery.findUniqueOrThrow({ where: { id } })).status === "failed",
      30_000,
      "the delivery to fail",
    );
    expect(await db.webhookDelivery.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "failed",
      leaseOwner: null,
      lastError: expect.stringContaining("The delivery run stopped"),
    });
    expect(receiver.received).toHaveLength(0);
    await receiver.close();
  });

  it("let no organization's hanging endpoints hold up another organization's deliveries", async () => {
    process.env.WEBHOOK_TIMEOUT_MS = "5000";
    const hanging = await startReceiver(() => ({ hang: true }));
    const healthy = await startReceiver();
    try {
      const stuck = await createTestOrganization(db);
      for (let i = 0; i < 100; i++)
        await lib.createEndpoint(db, stuck.id, { url: `${hanging.url}/${i}`, event_types: ["lead.created"] });
      const other = await createTestOrganization(db);
      await lib.createEndpoint(db, other.id, { url: healthy.url, event_types: ["lead.created"] });
      await lib.withEvents(db, (_tx, emit) => emit(stuck.id, "lead.created", EVENT_CATALOGUE["lead.created"].sample));
      await waitUntil(async () => hanging.received.length >= 10, 10_000, "10 hanging requests");
      const started = Date.now();
      for (let i = 0; i < 5; i++)
        await lib.withEvents(db, (_tx, emit) => emit(other.id, "lead.created", EVENT_CATALOGUE["lead.created"].sample));
      await waitUntil(async () => healthy.received.length === 5, 10_000, "the other organization's 5 deliveries");
      // Delivered while the first organization's requests still hang: none of them has ended.
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(await db.webhookDeliveryAttempt.count({ where: { delivery: { organizationId: stuck.id } } })).toBe(0);
      expect(await db.webhookDelivery.count({ where: { organizationId: other.id, status: "succeeded" } })).toBe(5);
    } finally {
      process.env.WEBHOOK_TIMEOUT_MS = "500";
      await hanging.close();
      await healthy.close();
    }
  }, 60_000);
});

function minutesAgo(n: number): Date {
  return new Date(Date.now() - n * 60_000);
}
