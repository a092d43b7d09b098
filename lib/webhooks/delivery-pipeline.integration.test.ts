import { beforeEach, describe, expect, it } from "vitest";
import { waitUntil } from "@/lib/wait-until";
import { setUpTestDb } from "@/test/support/test-db";
import { startReceiver } from "@/test/support/receiver";
import { createTestOrganization, setWebhookTestEnv } from "@/test/support/webhook-fixtures";
import { claimDueDeliveries } from "./claim-deliveries";
import { AUTO_DISABLE_AFTER } from "./delivery-settings";
import { drainEndpoint } from "./drain-endpoint";
import { emitEvent, withEvents } from "./emit-event";
import { emitSample } from "./emit-sample";
import { endFailedRun } from "./end-failed-run";
import { getDelivery } from "./get-delivery";
import { acquireLane } from "./endpoint-lanes";
import { EVENT_CATALOGUE } from "./event-catalogue";
import { createEndpoint, rotateSecret } from "./manage-endpoints";
import { recoverFailedDeliveries, retryDeliveryNow } from "./redeliver";
import { sendTestPing } from "./send-test-ping";
import { verifyEmpfioSignature } from "./sign-payload";

// The pipeline's database-bound pieces against real PostgreSQL and real loopback receivers: the
// emit, and each step of a delivery run (drainEndpoint) called as the function calls it. The
// Inngest function that chains the steps is exercised through the executor elsewhere.
setWebhookTestEnv({ INNGEST_BASE_URL: "http://127.0.0.1:1", WEBHOOK_RETRY_SCHEDULE: "1m,5m,30m" });

const t = setUpTestDb(6);
let orgId: string;
beforeEach(async () => {
  orgId = (await createTestOrganization(t.db)).id;
});

const RUN = "run-under-test";
/** One step of a delivery run, as the function takes it; `dueBy` as after a sleep until then. */
const drain = (endpointId: string, dueBy: Date | null = null, runId = RUN) =>
  drainEndpoint(t.db, { endpointId, runId, dueBy }, { budgetMs: 20_000, lingerMs: 0 });
/** A step's claim of up to 10 due deliveries for `runId`, leased (and the lane held) for a minute. */
const claim = (endpointId: string, runId = RUN) =>
  claimDueDeliveries(t.db, { endpointId, runId, limit: 10, dueBy: null, leaseMs: 60_000, laneLeaseMs: 60_000 });
const emitTo = (type: "lead.created" | "booking.created", data: object = EVENT_CATALOGUE[type].sample) =>
  t.db.$transaction((tx) => emitEvent(tx, orgId, type, data));
const delivery = (id: string) =>
  t.db.webhookDelivery.findUniqueOrThrow({
    where: { id },
    include: { attempts: { orderBy: { attemptNumber: "asc" } } },
  });

describe("outbox", () => {
  it("keeps an event and its deliveries only if its transaction commits; they are pending and due at once", async () => {
    await createEndpoint(t.db, orgId, {
      url: "http://127.0.0.1:9/hook",
      event_types: ["lead.created", "lead.status_changed"],
    });
    await expect(
      t.db.$transaction(async (tx) => {
        await emitEvent(tx, orgId, "lead.status_changed", EVENT_CATALOGUE["lead.status_changed"].sample);
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await t.db.webhookEvent.count({ where: { organizationId: orgId } })).toBe(0);
    expect(await t.db.webhookDelivery.count({ where: { organizationId: orgId } })).toBe(0);

    // Inngest is unreachable here: committed, and left for the sweep.
    const before = new Date();
    const { events } = await withEvents(t.db, async (tx, emit) => [
      await emit(orgId, "lead.created", EVENT_CATALOGUE["lead.created"].sample),
    ]);
    expect(events[0].deliveries).toHaveLength(1);
    const row = await t.db.webhookEvent.findUniqueOrThrow({ where: { id: events[0].id } });
    expect(JSON.parse(row.payload)).toMatchObject({
      event: "lead.created",
      organization_id: orgId,
      data: EVENT_CATALOGUE["lead.created"].sample,
    });
    const pending = await delivery(events[0].deliveries[0].id);
    expect(pending).toMatchObject({ status: "pending", attemptCount: 0, scheduledAttempts: 0 });
    expect(pending.nextAttemptAt!.getTime()).toBeLessThanOrEqual(Date.now());
    expect(pending.nextAttemptAt!.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
    // The failed hand-over let go of the lane, so the sweep will see nobody drains it.
    expect(await t.db.webhookEndpointLane.findFirst({ where: { organizationId: orgId } })).toMatchObject({
      holder: null,
    });
  });

  it("makes no delivery for an event no enabled endpoint subscribes to", async () => {
    const { endpoint } = await createEndpoint(t.db, orgId, {
      url: "http://127.0.0.1:9/hook",
      event_types: ["booking.created"],
    });
    const other = await createEndpoint(t.db, orgId, { url: "http://127.0.0.1:9/hook", event_types: ["lead.created"] });
    await t.db.webhookEndpoint.update({ where: { id: other.endpoint.id }, data: { enabled: false } });
    const { events } = await withEvents(t.db, async (_tx, emit) => [
      await emit(orgId, "lead.created", EVENT_CATALOGUE["lead.created"].sample),
      await emit(orgId, "lead.created", EVENT_CATALOGUE["lead.created"].sample, { endpointId: endpoint.id }),
    ]);
    expect(events.map((e) => e.deliveries.map((d) => d.endpointId))).toEqual([[], [endpoint.id]]);
    expect(await t.db.webhookDelivery.count({ where: { eventId: events[0].id } })).toBe(0);
    // Nothing handed over for it either: only the sample's endpoint has a lane.
    expect(
      (await t.db.webhookEndpointLane.findMany({ where: { organizationId: orgId } })).map((l) => l.endpointId),
    ).toEqual([endpoint.id]);
  });

  it("refuses data that does not match the catalogue", async () => {
    await expect(withEvents(t.db, (tx, emit) => emit(orgId, "lead.created", { id: "x" }))).rejects.toThrow();
    expect(await t.db.webhookEvent.count({ where: { organizationId: orgId } })).toBe(0);
  });
});

describe("deliveries", () => {
  it("fan out in the emitting transaction, one per enabled, subscribed endpoint", async () => {
    const r = await startReceiver();
    try {
      const leads = await createEndpoint(t.db, orgId, { url: r.url, event_types: ["lead.created"] });
      await createEndpoint(t.db, orgId, { url: r.url, event_types: ["booking.created"] });
      const disabled = await createEndpoint(t.db, orgId, { url: r.url, event_types: ["lead.created"] });
      await t.db.webhookEndpoint.update({ where: { id: disabled.endpoint.id }, data: { enabled: false } });
      const event = await t.db.$transaction((tx) =>
        emitEvent(tx, orgId, "lead.created", EVENT_CATALOGUE["lead.created"].sample),
      );
      expect(event.deliveries.map((d) => d.endpointId)).toEqual([leads.endpoint.id]);
      const rows = await t.db.webhookDelivery.findMany({ where: { eventId: event.id } });
      expect(rows.map((d) => [d.id, d.endpointId, d.status, d.eventType])).toEqual([
        [event.deliveries[0].id, leads.endpoint.id, "pending", "lead.created"],
      ]);
    } finally {
      await r.close();
    }
  });

  it("skip an endpoint deleted while the event is emitted, without failing the change", async () => {
    const { endpoint } = await createEndpoint(t.db, orgId, {
      url: "http://127.0.0.1:9/hook",
      event_types: ["lead.created"],
    });
    let emitting: Promise<unknown> = Promise.resolve();
    await t.db.$transaction(async (tx) => {
      await tx.webhookEndpoint.delete({ where: { id: endpoint.id } });
      // The emit starts while the delete is uncommitted, so it still sees the endpoint.
      emitting = withEvents(t.db, (_tx, emit) => emit(orgId, "lead.created", EVENT_CATALOGUE["lead.created"].sample));
      await new Promise((r) => setTimeout(r, 300));
    });
    const { events } = (await emitting) as Awaited<ReturnType<typeof withEvents>>;
    expect(events[0].deliveries).toEqual([]);
    expect(await t.db.webhookEvent.count({ where: { id: events[0].id } })).toBe(1);
  });

  it("records every attempt on its schedule; a later success ends it and resets the endpoint's count", async () => {
    const r = await startReceiver((n) => ({ status: n < 3 ? 500 : 200, body: n < 3 ? "down" : "ok" }));
    try {
      const { endpoint, secret } = await createEndpoint(t.db, orgId, { url: r.url, event_types: ["booking.created"] });
      await t.db.webhookEndpoint.update({ where: { id: endpoint.id }, data: { consecutiveFailures: 3 } });
      const event = await emitTo("booking.created");
      const [{ id }] = event.deliveries;
      expect(await drain(endpoint.id)).toMatchObject({ outcome: "idle", attempts: 1 });
      const first = await delivery(id);
      expect(first).toMatchObject({ status: "pending", attemptCount: 1, scheduledAttempts: 1, lastStatusCode: 500 });
      // ~1 minute (±10 %) after the attempt, and the run is told to wake for it.
      const wait = first.nextAttemptAt!.getTime() - first.attempts[0].startedAt.getTime();
      expect(wait).toBeGreaterThanOrEqual(54_000 - 50);
      expect(wait).toBeLessThanOrEqual(66_000 + 500);

      // A step run again (a replay after a crash) finds nothing due and sends nothing.
      expect(await drain(endpoint.id)).toMatchObject({ attempts: 0 });
      expect(r.received).toHaveLength(1);

      const second = await drain(endpoint.id, first.nextAttemptAt);
      expect(second).toMatchObject({ attempts: 1 });
      const afterSecond = await delivery(id);
      const wait2 = afterSecond.nextAttemptAt!.getTime() - afterSecond.attempts[1].startedAt.getTime();
      expect(wait2).toBeGreaterThanOrEqual(270_000 - 50);
      expect(wait2).toBeLessThanOrEqual(330_000 + 500);
      expect(await drain(endpoint.id, afterSecond.nextAttemptAt)).toMatchObject({
        outcome: "idle",
        attempts: 1,
        wakeAt: null,
      });

      const done = await delivery(id);
      expect(done.status).toBe("succeeded");
      expect(done.completedAt).not.toBeNull();
      expect(done.attempts.map((a) => [a.attemptNumber, a.trigger, a.responseStatus, a.succeeded])).toEqual([
        [1, "scheduled", 500, false],
        [2, "scheduled", 500, false],
        [3, "scheduled", 200, true],
      ]);
      // The delivery's page shows what each attempt sent: the event's payload, byte for byte.
      const { payload } = await t.db.webhookEvent.findUniqueOrThrow({ where: { id: event.id } });
      expect(r.received.map((x) => x.body)).toEqual([payload, payload, payload]);
      expect((await getDelivery(t.db, orgId, id)).attempts.map((a) => a.requestBody)).toEqual([
        payload,
        payload,
        payload,
      ]);
      // webhook-id is the delivery id on every attempt: the receiver's dedupe key.
      expect(new Set(r.received.map((x) => x.headers["webhook-id"]))).toEqual(new Set([id]));
      expect(
        r.received.every((x) => verifyEmpfioSignature(x.body, String(x.headers["x-empfio-signature"]), secret)),
      ).toBe(true);
      expect((await t.db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).consecutiveFailures).toBe(
        0,
      );
    } finally {
      await r.close();
    }
  });

  it("take many deliveries in one step: those that fail keep their own schedule and attempts, the others end", async () => {
    const r = await startReceiver((_n, req) => ({ status: req.body.includes("Unlucky") ? 503 : 200 }));
    const down = await startReceiver(() => ({ status: 500 }));
    try {
      const { endpoint } = await createEndpoint(t.db, orgId, { url: r.url, event_types: ["lead.created"] });
      const broken = await createEndpoint(t.db, orgId, { url: down.url, event_types: ["lead.created"] });
      const names = [
        "Ann",
        "Unlucky Bo",
        "Cy",
        "Unlucky Di",
        "Ed",
        "Flo",
        "Unlucky Gus",
        "Hal",
        "Ivy",
        "Jo",
        "Kai",
        "Lu",
      ];
      const events = [];
      for (const name of names)
        events.push(await emitTo("lead.created", { ...EVENT_CATALOGUE["lead.created"].sample, name }));
      expect(await drain(endpoint.id)).toMatchObject({ outcome: "idle", attempts: names.length });
      expect(await drain(broken.endpoint.id)).toMatchObject({ outcome: "idle", attempts: names.length });

      const ours = await t.db.webhookDelivery.findMany({
        where: { endpointId: endpoint.id },
        include: { attempts: true, event: true },
      });
      const unlucky = ours.filter((d) => d.event.payload.includes("Unlucky"));
      expect(unlucky.map((d) => [d.status, d.attempts.length, d.scheduledAttempts])).toEqual(
        unlucky.map(() => ["pending", 1, 1]),
      );
      expect(ours.filter((d) => d.status === "succeeded")).toHaveLength(names.length - 3);
      // Each failed delivery drew its own jitter.
      expect(new Set(unlucky.map((d) => d.nextAttemptAt!.getTime())).size).toBe(3);
      // The broken endpoint's deliveries wait too, apart from ours.
      expect(await t.db.webhookDelivery.count({ where: { endpointId: broken.endpoint.id, status: "pending" } })).toBe(
        names.length,
      );

      const latest = new Date(Math.max(...unlucky.map((d) => d.nextAttemptAt!.getTime())));
      expect(await drain(endpoint.id, latest)).toMatchObject({ attempts: 3 });
      const retried = await t.db.webhookDeliveryAttempt.findMany({ where: { delivery: { endpointId: endpoint.id } } });
      expect(retried).toHaveLength(names.length + 3);
      expect(r.received.filter((x) => x.body.includes("Unlucky"))).toHaveLength(6);
      expect(await t.db.webhookDelivery.count({ where: { endpointId: broken.endpoint.id, attemptCount: 1 } })).toBe(
        names.length,
      );
    } finally {
      await r.close();
      await down.close();
    }
  });

  it("never send a delivery a crashed step claimed until its lease lapses, and then once", async () => {
    const r = await startReceiver();
    try {
      const { endpoint } = await createEndpoint(t.db, orgId, { url: r.url, event_types: ["lead.created"] });
      const [claimedThenCrashed] = (await emitTo("lead.created")).deliveries;
      // A step claims the delivery, then its process dies before recording anything.
      await acquireLane(t.db, endpoint.id, RUN, 60_000);
      const claimed = await claim(endpoint.id);
      expect(claimed.deliveries.map((d) => d.id)).toEqual([claimedThenCrashed.id]);
      const [delivered] = (await emitTo("lead.created")).deliveries;
      // The replayed step sends what was never claimed, not what the crashed one had.
      expect(await drain(endpoint.id)).toMatchObject({ attempts: 1 });
      expect(r.received.map((x) => x.headers["webhook-id"])).toEqual([delivered.id]);
      expect(await drain(endpoint.id)).toMatchObject({ attempts: 0 });

      await t.db.webhookDelivery.update({
        where: { id: claimedThenCrashed.id },
        data: { leaseUntil: new Date(Date.now() - 1) },
      });
      expect(await drain(endpoint.id)).toMatchObject({ attempts: 1 });
      expect(r.received.map((x) => x.headers["webhook-id"])).toEqual([delivered.id, claimedThenCrashed.id]);
      expect((await delivery(claimedThenCrashed.id)).attempts.map((a) => a.attemptNumber)).toEqual([2]);
    } finally {
      await r.close();
    }
  });

  it("keep their run's lane while it claims: a claim renews the lane's lease once half of it is spent, not before", async () => {
    const { endpoint } = await createEndpoint(t.db, orgId, {
      url: "http://127.0.0.1:9/hook",
      event_types: ["lead.created"],
    });
    await acquireLane(t.db, endpoint.id, RUN, 60_000);
    const leaseUntil = async () =>
      (await t.db.webhookEndpointLane.findUniqueOrThrow({ where: { endpointId: endpoint.id } })).leaseUntil!.getTime();
    const fresh = await leaseUntil();
    expect((await claim(endpoint.id)).wakes).not.toBeNull();
    // Hand-overs write this row all through a burst: a claim leaves a fresh lease alone.
    expect(await leaseUntil()).toBe(fresh);

    await t.db.$executeRaw`
      UPDATE webhook_endpoint_lanes SET lease_until = now() + interval '20 seconds' WHERE endpoint_id = ${endpoint.id}::uuid`;
    expect((await claim(endpoint.id)).wakes).not.toBeNull();
    expect(await leaseUntil()).toBeGreaterThan(Date.now() + 50_000);
  });

  it("give a manual retry racing a scheduled attempt its own number; send nothing once done, or to a disabled endpoint", async () => {
    const r = await startReceiver(() => ({ delayMs: 300 }));
    try {
      const { endpoint } = await createEndpoint(t.db, orgId, {
        url: r.url,
        event_types: ["lead.created", "booking.created"],
      });
      const [d] = (await emitTo("lead.created")).deliveries;
      // "Retry now" pressed while the scheduled attempt's request is on its way.
      const scheduling = drain(endpoint.id);
      await waitUntil(() => r.received.length === 1, 10_000, "the scheduled attempt");
      const manual = await retryDeliveryNow(t.db, orgId, d.id);
      const scheduled = await scheduling;
      expect(scheduled.attempts).toBe(1);
      expect(manual.succeeded).toBe(true);
      expect((await delivery(d.id)).attempts.map((a) => a.attemptNumber).sort()).toEqual([1, 2]);
      expect(await drain(endpoint.id)).toMatchObject({ attempts: 0 });
      expect(r.received).toHaveLength(2);
      expect(await delivery(d.id)).toMatchObject({ status: "succeeded", attemptCount: 2 });

      const [later] = (await emitTo("booking.created")).deliveries;
      await t.db.webhookEndpoint.update({
        where: { id: endpoint.id },
        data: { enabled: false, disabledReason: "Paused for maintenance" },
      });
      expect(await drain(endpoint.id)).toMatchObject({ attempts: 0 });
      expect(r.received).toHaveLength(2);
      expect(await delivery(later.id)).toMatchObject({
        status: "failed",
        attemptCount: 0,
        lastError: "Endpoint disabled: Paused for maintenance",
      });
    } finally {
      await r.close();
    }
  });

  it("disable an endpoint that answers 410 Gone, and one that fails too many deliveries in a row", async () => {
    const r = await startReceiver(() => ({ status: 410 }));
    const failing = await startReceiver(() => ({ status: 500 }));
    try {
      const { endpoint } = await createEndpoint(t.db, orgId, { url: r.url, event_types: ["lead.created"] });
      const [gone] = (await emitTo("lead.created")).deliveries;
      const [next] = (await emitTo("lead.created")).deliveries;
      // `next` falls due later, after the 410 disabled the endpoint.
      await t.db.webhookDelivery.update({
        where: { id: next.id },
        data: { nextAttemptAt: new Date(Date.now() + 60_000) },
      });
      await drain(endpoint.id);
      expect(await delivery(gone.id)).toMatchObject({ status: "failed", lastStatusCode: 410 });
      expect(await t.db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).toMatchObject({
        enabled: false,
        disabledReason: expect.stringContaining("410"),
      });
      // Nothing more is sent to it: its next delivery fails, saying why.
      await drain(endpoint.id, new Date(Date.now() + 60_000));
      expect(await delivery(next.id)).toMatchObject({ status: "failed", attemptCount: 0 });
      expect((await delivery(next.id)).lastError).toMatch(/^Endpoint disabled: The endpoint answered 410 Gone/);
      expect(r.received).toHaveLength(1);

      const second = await createEndpoint(t.db, orgId, { url: failing.url, event_types: ["booking.created"] });
      await t.db.webhookEndpoint.update({
        where: { id: second.endpoint.id },
        data: { consecutiveFailures: AUTO_DISABLE_AFTER - 1 },
      });
      const [last] = (await emitTo("booking.created")).deliveries;
      // Its last scheduled attempt: three were made already.
      await t.db.webhookDelivery.update({ where: { id: last.id }, data: { scheduledAttempts: 3 } });
      await drain(second.endpoint.id);
      expect(await delivery(last.id)).toMatchObject({ status: "failed", lastError: "HTTP 500" });
      expect(await t.db.webhookEndpoint.findUniqueOrThrow({ where: { id: second.endpoint.id } })).toMatchObject({
        enabled: false,
        consecutiveFailures: AUTO_DISABLE_AFTER,
        disabledReason: expect.stringContaining(`${AUTO_DISABLE_AFTER} consecutive failed deliveries`),
      });
    } finally {
      await r.close();
      await failing.close();
    }
  });

  it("leave the deliveries of a run that failed for good failed, with the reason", async () => {
    const { endpoint } = await createEndpoint(t.db, orgId, {
      url: "http://127.0.0.1:9/hook",
      event_types: ["lead.created"],
    });
    const [claimed] = (await emitTo("lead.created")).deliveries;
    await acquireLane(t.db, endpoint.id, "run-that-failed", 60_000);
    await claim(endpoint.id, "run-that-failed");
    const [untouched] = (await emitTo("lead.created")).deliveries;
    expect(await endFailedRun(t.db, "run-that-failed", "database unreachable")).toBe(1);
    expect(await delivery(claimed.id)).toMatchObject({
      status: "failed",
      leaseOwner: null,
      lastError: expect.stringContaining("database unreachable"),
    });
    expect((await delivery(untouched.id)).status).toBe("pending");
    // Its lane is free: the next hand-over or the sweep starts a new run.
    expect(await t.db.webhookEndpointLane.findUniqueOrThrow({ where: { endpointId: endpoint.id } })).toMatchObject({
      holder: null,
    });
  });
});

describe("recover", () => {
  it("re-delivers 5,000 failed deliveries, each once, even when asked twice at once", async () => {
    const r = await startReceiver();
    try {
      const { endpoint } = await createEndpoint(t.db, orgId, { url: r.url, event_types: ["lead.created"] });
      const since = new Date(Date.now() - 3_600_000);
      const payload = JSON.stringify({ event: "lead.created", data: EVENT_CATALOGUE["lead.created"].sample });
      await t.db.$executeRaw`
        WITH ev AS (
          INSERT INTO webhook_events (id, organization_id, type, payload, occurred_at)
          SELECT gen_random_uuid(), ${orgId}::uuid, 'lead.created', ${payload}, now() FROM generate_series(1, 5102)
          RETURNING id
        ), numbered AS (SELECT id, row_number() OVER () AS n FROM ev)
        INSERT INTO webhook_deliveries (id, organization_id, event_id, endpoint_id, event_type, status, attempt_count,
          scheduled_attempts, last_error, created_at, updated_at, completed_at)
        SELECT gen_random_uuid(), ${orgId}::uuid, id, ${endpoint.id}::uuid, 'lead.created',
          (CASE WHEN n <= 5001 THEN 'failed' ELSE 'succeeded' END)::"DeliveryStatus", 4, 4, 'HTTP 500',
          CASE WHEN n = 1 THEN now() - interval '2 hours' ELSE now() END, now(), now()
        FROM numbered`;
      const [a, b] = await Promise.all([
        recoverFailedDeliveries(t.db, orgId, endpoint.id, since),
        recoverFailedDeliveries(t.db, orgId, endpoint.id, since),
      ]);
      // The one that failed before `since` stays as it was; nobody flipped a row twice.
      expect(a.recovered + b.recovered).toBe(5_000);
      expect(
        await t.db.webhookDelivery.count({
          where: { endpointId: endpoint.id, status: "pending", scheduledAttempts: 0 },
        }),
      ).toBe(5_000);
      let steps = 0;
      while ((await drain(endpoint.id)).outcome === "more") steps++;
      expect(steps).toBeLessThan(20);
      expect(await t.db.webhookDelivery.count({ where: { endpointId: endpoint.id, status: "succeeded" } })).toBe(5_101);
      const ids = r.received.map((x) => String(x.headers["webhook-id"]));
      expect(ids).toHaveLength(5_000);
      expect(new Set(ids).size).toBe(5_000);
    } finally {
      await r.close();
    }
  }, 120_000);
});

describe("samples", () => {
  it("go to the one endpoint asked for, subscribed or not; a disabled endpoint is refused, and nothing is stored", async () => {
    const target = await createEndpoint(t.db, orgId, { url: "http://127.0.0.1:9/a", event_types: ["lead.created"] });
    await createEndpoint(t.db, orgId, { url: "http://127.0.0.1:9/b", event_types: ["booking.created"] });
    const sent = await emitSample(t.db, orgId, "booking.created", target.endpoint.id);
    const rows = await t.db.webhookDelivery.findMany({ where: { eventId: sent.event_id } });
    expect(rows.map((d) => [d.id, d.endpointId])).toEqual([[sent.delivery_ids[0], target.endpoint.id]]);

    await t.db.webhookEndpoint.update({ where: { id: target.endpoint.id }, data: { enabled: false } });
    const events = await t.db.webhookEvent.count({ where: { organizationId: orgId } });
    await expect(emitSample(t.db, orgId, "lead.created", target.endpoint.id)).rejects.toMatchObject({
      status: 409,
      message: expect.stringContaining("disabled"),
    });
    expect(await t.db.webhookEvent.count({ where: { organizationId: orgId } })).toBe(events);
    // To the whole organization: only enabled subscribers, here none for lead.created.
    expect((await emitSample(t.db, orgId, "lead.created")).delivery_ids).toEqual([]);
  });
});

describe("test pings", () => {
  it("report success or a failure with advice, and are logged without retries", async () => {
    const r = await startReceiver((n) => ({ status: n === 1 ? 200 : 404, body: n === 1 ? "pong" : "no such route" }));
    try {
      const { endpoint } = await createEndpoint(t.db, orgId, { url: r.url, event_types: ["lead.created"] });
      expect(await sendTestPing(t.db, endpoint)).toMatchObject({
        ok: true,
        status_code: 200,
        response_excerpt: "pong",
        advice: null,
      });
      const failed = await sendTestPing(t.db, endpoint);
      expect(failed).toMatchObject({
        ok: false,
        status_code: 404,
        advice: "Your server returned 404: is the path right?",
      });
      expect(await t.db.webhookDelivery.findUniqueOrThrow({ where: { id: failed.delivery_id } })).toMatchObject({
        status: "failed",
        isTest: true,
        attemptCount: 1,
      });
      expect(JSON.parse(r.received[0].body)).toMatchObject({
        event: "webhook.test",
        organization_id: orgId,
        data: { endpoint_id: endpoint.id },
      });
    } finally {
      await r.close();
    }
  });

  it("after a rotation, are signed with the old secret and carry the new one's signature", async () => {
    const r = await startReceiver();
    try {
      const { endpoint, secret: oldSecret } = await createEndpoint(t.db, orgId, {
        url: r.url,
        event_types: ["lead.created"],
      });
      const { secret: newSecret } = await rotateSecret(t.db, orgId, endpoint.id);
      await sendTestPing(t.db, endpoint);
      const [req] = r.received;
      expect(verifyEmpfioSignature(req.body, String(req.headers["x-empfio-signature"]), oldSecret)).toBe(true);
      expect(verifyEmpfioSignature(req.body, String(req.headers["x-empfio-signature-next"]), newSecret)).toBe(true);
      const stored = await t.db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
      expect(JSON.stringify(stored)).not.toContain(newSecret.slice(6));
    } finally {
      await r.close();
    }
  });
});
