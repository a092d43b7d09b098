import { beforeEach, describe, expect, it } from "vitest";
import { setUpTestDb } from "@/test/support/test-db";
import { startReceiver } from "@/test/support/receiver";
import { createTestOrganization, setWebhookTestEnv } from "@/test/support/webhook-fixtures";
import { attemptDelivery } from "./attempt-delivery";
import { AUTO_DISABLE_AFTER } from "./delivery-settings";
import { emitEvent, sendBatches, sweepOutbox, withEvents } from "./emit-event";
import { emitSample } from "./emit-sample";
import { EVENT_CATALOGUE } from "./event-catalogue";
import { createEndpoint, rotateSecret } from "./manage-endpoints";
import { sendTestPing } from "./send-test-ping";
import { verifyEmpfioSignature } from "./sign-payload";

// The pipeline's database-bound pieces against real PostgreSQL and real loopback receivers.
// The Inngest functions that chain them are exercised through the executor elsewhere.
setWebhookTestEnv({ INNGEST_DEV: "http://127.0.0.1:1" });

const t = setUpTestDb(4);
let orgId: string;
beforeEach(async () => {
  orgId = (await createTestOrganization(t.db)).id;
});

describe("outbox", () => {
  it("keeps an event and its deliveries only if its transaction commits; a failed hand-over leaves them to the sweeper", async () => {
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

    // Inngest is unreachable here: committed, not handed over.
    const { events } = await withEvents(t.db, async (tx, emit) => [
      await emit(orgId, "lead.created", EVENT_CATALOGUE["lead.created"].sample),
    ]);
    expect(events[0].deliveries).toHaveLength(1);
    const row = await t.db.webhookEvent.findUniqueOrThrow({ where: { id: events[0].id } });
    expect(row.dispatchedAt).toBeNull();
    expect(JSON.parse(row.payload)).toMatchObject({
      event: "lead.created",
      organization_id: orgId,
      data: EVENT_CATALOGUE["lead.created"].sample,
    });
    expect(await sweepOutbox(t.db, 0)).toBe(0);
    expect((await t.db.webhookEvent.findUniqueOrThrow({ where: { id: events[0].id } })).dispatchedAt).toBeNull();
  });

  it("records an event no enabled endpoint subscribes to as handed over: nothing to deliver or sweep", async () => {
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
    const unsubscribed = await t.db.webhookEvent.findUniqueOrThrow({ where: { id: events[0].id } });
    expect(unsubscribed.dispatchedAt).not.toBeNull();
    expect(JSON.parse(unsubscribed.payload)).toMatchObject({ event: "lead.created", organization_id: orgId });
    expect(await t.db.webhookDelivery.count({ where: { eventId: events[0].id } })).toBe(0);
  });

  it("hands deliveries over in sends of bounded size, never splitting an event across two", () => {
    const ev = (id: string, n: number) => ({ id, deliveries: Array.from({ length: n }, (_, i) => i) });
    const batches = sendBatches([ev("a", 150), ev("b", 50), ev("c", 1), ev("d", 500), ev("e", 0), ev("f", 3)], 200);
    expect(batches.map((b) => b.map((e) => e.id))).toEqual([["a", "b"], ["c"], ["d"], ["e", "f"]]);
    expect(sendBatches([], 200)).toEqual([]);
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

  it("records every attempt; a failure waits, the last failure fails, a later success resets the endpoint's count", async () => {
    const r = await startReceiver((n) => ({ status: n < 3 ? 500 : 200, body: n < 3 ? "down" : "ok" }));
    try {
      const { endpoint, secret } = await createEndpoint(t.db, orgId, { url: r.url, event_types: ["booking.created"] });
      const event = await t.db.$transaction((tx) =>
        emitEvent(tx, orgId, "booking.created", EVENT_CATALOGUE["booking.created"].sample),
      );
      const [delivery] = event.deliveries;
      const a1 = await attemptDelivery(t.db, delivery.id, {
        trigger: "scheduled",
        stepKey: "r:1",
        nextDelayMs: 60_000,
      });
      expect(a1).toMatchObject({ done: false, status: "pending", attemptNumber: 1, responseStatus: 500 });
      const again = await attemptDelivery(t.db, delivery.id, {
        trigger: "scheduled",
        stepKey: "r:1",
        nextDelayMs: 60_000,
      });
      expect(again.attemptNumber).toBe(1);
      expect(r.received).toHaveLength(1);
      await attemptDelivery(t.db, delivery.id, { trigger: "scheduled", stepKey: "r:2", nextDelayMs: 300_000 });
      const a3 = await attemptDelivery(t.db, delivery.id, {
        trigger: "scheduled",
        stepKey: "r:3",
        nextDelayMs: 1_800_000,
      });
      expect(a3).toMatchObject({ done: true, status: "succeeded", attemptNumber: 3 });

      const row = await t.db.webhookDelivery.findUniqueOrThrow({
        where: { id: delivery.id },
        include: { attempts: { orderBy: { attemptNumber: "asc" } } },
      });
      expect(row.attempts.map((a) => [a.attemptNumber, a.responseStatus, a.succeeded])).toEqual([
        [1, 500, false],
        [2, 500, false],
        [3, 200, true],
      ]);
      expect(row.attempts[0].requestBody).toBe(
        event && (await t.db.webhookEvent.findUniqueOrThrow({ where: { id: event.id } })).payload,
      );
      // webhook-id is the delivery id on every attempt: the receiver's dedupe key.
      expect(new Set(r.received.map((x) => x.headers["webhook-id"]))).toEqual(new Set([delivery.id]));
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

  it("give a manual retry racing a scheduled attempt its own number; send nothing once done, or to a disabled endpoint", async () => {
    const r = await startReceiver(() => ({ delayMs: 50 }));
    try {
      const { endpoint } = await createEndpoint(t.db, orgId, {
        url: r.url,
        event_types: ["lead.created", "booking.created"],
      });
      const [delivery] = (
        await t.db.$transaction((tx) => emitEvent(tx, orgId, "lead.created", EVENT_CATALOGUE["lead.created"].sample))
      ).deliveries;
      const both = await Promise.all([
        attemptDelivery(t.db, delivery.id, { trigger: "scheduled", stepKey: "r:1", nextDelayMs: 60_000 }),
        attemptDelivery(t.db, delivery.id, { trigger: "manual" }),
      ]);
      expect(both.map((a) => a.attemptNumber).sort()).toEqual([1, 2]);
      expect(
        await attemptDelivery(t.db, delivery.id, { trigger: "scheduled", stepKey: "r:2", nextDelayMs: 300_000 }),
      ).toMatchObject({ done: true, status: "succeeded", attemptNumber: null });
      expect(r.received).toHaveLength(2);
      expect(await t.db.webhookDelivery.findUniqueOrThrow({ where: { id: delivery.id } })).toMatchObject({
        status: "succeeded",
        attemptCount: 2,
      });

      const [later] = (
        await t.db.$transaction((tx) =>
          emitEvent(tx, orgId, "booking.created", EVENT_CATALOGUE["booking.created"].sample),
        )
      ).deliveries;
      await t.db.webhookEndpoint.update({
        where: { id: endpoint.id },
        data: { enabled: false, disabledReason: "Paused for maintenance" },
      });
      expect(
        await attemptDelivery(t.db, later.id, { trigger: "scheduled", stepKey: "r:1", nextDelayMs: 60_000 }),
      ).toMatchObject({ done: true, status: "failed", attemptNumber: null });
      expect(r.received).toHaveLength(2);
      expect(await t.db.webhookDelivery.findUniqueOrThrow({ where: { id: later.id } })).toMatchObject({
        status: "failed",
        attemptCount: 0,
        lastError: "Endpoint disabled: Paused for maintenance",
      });
    } finally {
      await r.close();
    }
  });

  it("disables an endpoint that answers 410 Gone, and one that fails too many deliveries in a row", async () => {
    const r = await startReceiver(() => ({ status: 410 }));
    try {
      const { endpoint } = await createEndpoint(t.db, orgId, { url: r.url, event_types: ["lead.created"] });
      const event = await t.db.$transaction((tx) =>
        emitEvent(tx, orgId, "lead.created", EVENT_CATALOGUE["lead.created"].sample),
      );
      const [delivery] = event.deliveries;
      expect(
        await attemptDelivery(t.db, delivery.id, { trigger: "scheduled", stepKey: "r:1", nextDelayMs: 60_000 }),
      ).toMatchObject({ done: true, status: "failed" });
      expect(await t.db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).toMatchObject({
        enabled: false,
        disabledReason: expect.stringContaining("410"),
      });

      const failing = await startReceiver(() => ({ status: 500 }));
      const second = await createEndpoint(t.db, orgId, { url: failing.url, event_types: ["booking.cancelled"] });
      await t.db.webhookEndpoint.update({
        where: { id: second.endpoint.id },
        data: { consecutiveFailures: AUTO_DISABLE_AFTER - 1 },
      });
      const ev2 = await t.db.$transaction((tx) =>
        emitEvent(tx, orgId, "booking.cancelled", EVENT_CATALOGUE["booking.cancelled"].sample),
      );
      const [d2] = ev2.deliveries;
      await attemptDelivery(t.db, d2.id, { trigger: "scheduled", stepKey: "r:4", nextDelayMs: null });
      await failing.close();
      expect(await t.db.webhookEndpoint.findUniqueOrThrow({ where: { id: second.endpoint.id } })).toMatchObject({
        enabled: false,
        disabledReason: expect.stringContaining(`${AUTO_DISABLE_AFTER} consecutive failed deliveries`),
      });
    } finally {
      await r.close();
    }
  });
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
