import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { waitUntil } from "@/lib/wait-until";
import { startDeliveryStack } from "@/test/support/delivery-stack";
import { startReceiver } from "@/test/support/receiver";
import { EVENT_CATALOGUE } from "./event-catalogue";
import { verifyStandardWebhook } from "./sign-payload";

// The event log and replay over real HTTP with an API key, through the real engine (executor,
// Inngest route, delivery runs) to loopback receivers.
let stack: Awaited<ReturnType<typeof startDeliveryStack>>;
let db: Db;
let lib: {
  withEvents: typeof import("./emit-event").withEvents;
  createEndpoint: typeof import("./manage-endpoints").createEndpoint;
};

beforeAll(async () => {
  stack = await startDeliveryStack({
    routes: async () => ({
      "/api/v1/events": await import("@/app/api/v1/events/route"),
      "/api/v1/events/[id]": await import("@/app/api/v1/events/[id]/route"),
      "/api/v1/events/[id]/replay": await import("@/app/api/v1/events/[id]/replay/route"),
    }),
  });
  db = stack.db;
  lib = { ...(await import("./emit-event")), ...(await import("./manage-endpoints")) };
});
afterAll(() => stack?.stop());

async function emitLead(orgId: string) {
  const { events } = await lib.withEvents(db, async (_tx, emit) => [
    await emit(orgId, "lead.created", EVENT_CATALOGUE["lead.created"].sample),
  ]);
  return events[0];
}

const done = (id: string) => async () =>
  (await db.webhookDelivery.findUniqueOrThrow({ where: { id } })).status !== "pending";

describe("replaying an event", () => {
  it("sends the stored body again with a new webhook-id, signed, to the endpoint named", async () => {
    const org = await stack.organization();
    const receiver = await startReceiver();
    const { endpoint, secret } = await lib.createEndpoint(db, org.id, {
      url: receiver.url,
      event_types: ["lead.created"],
    });
    const event = await emitLead(org.id);
    await waitUntil(() => receiver.received.length === 1, 15_000, "the original delivery");

    const replay = await org.call("POST", "/api/v1/events/[id]/replay", `/api/v1/events/${event.id}/replay`, {
      endpoint_id: endpoint.id,
    });
    expect(replay).toMatchObject({ status: 202, body: { event_id: event.id, delivery_ids: [expect.any(String)] } });
    await waitUntil(() => receiver.received.length === 2, 15_000, "the replay");

    const [original, again] = receiver.received;
    expect(again.body).toBe(original.body);
    expect(again.headers["webhook-id"]).toBe(replay.body.delivery_ids[0]);
    expect(again.headers["webhook-id"]).not.toBe(original.headers["webhook-id"]);
    const signed = {
      id: String(again.headers["webhook-id"]),
      timestamp: String(again.headers["webhook-timestamp"]),
      signature: String(again.headers["webhook-signature"]),
    };
    expect(verifyStandardWebhook(signed, again.body, secret)).toBe(true);
    await waitUntil(done(replay.body.delivery_ids[0]), 15_000, "the replay to be recorded");

    const detail = await org.call("GET", "/api/v1/events/[id]", `/api/v1/events/${event.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.event).toMatchObject({ id: event.id, type: "lead.created", payload: original.body });
    expect(detail.body.deliveries.map((d: { is_replay: boolean; status: string }) => [d.is_replay, d.status])).toEqual([
      [false, "succeeded"],
      [true, "succeeded"],
    ]);
    await receiver.close();
  });

  it("without endpoint_id, goes to every enabled endpoint subscribed now, including one added since", async () => {
    const org = await stack.organization();
    const [before, after, other, off] = await Promise.all([1, 2, 3, 4].map(() => startReceiver()));
    await lib.createEndpoint(db, org.id, { url: before.url, event_types: ["lead.created"] });
    const event = await emitLead(org.id);
    await waitUntil(() => before.received.length === 1, 15_000, "the original delivery");
    await lib.createEndpoint(db, org.id, { url: after.url, event_types: ["lead.created"] });
    await lib.createEndpoint(db, org.id, { url: other.url, event_types: ["booking.created"] });
    const disabled = await lib.createEndpoint(db, org.id, { url: off.url, event_types: ["lead.created"] });
    await lib.createEndpoint(db, org.id, {
      url: other.url,
      event_types: ["lead.created"],
      filter: { "data.status": "no-such-status" },
    });
    await db.webhookEndpoint.update({ where: { id: disabled.endpoint.id }, data: { enabled: false } });

    const replay = await org.call("POST", "/api/v1/events/[id]/replay", `/api/v1/events/${event.id}/replay`, {});
    expect(replay.status).toBe(202);
    expect(replay.body.delivery_ids).toHaveLength(2);
    await waitUntil(() => before.received.length === 2 && after.received.length === 1, 15_000, "both replays");
    expect(after.received[0].body).toBe(before.received[0].body);
    expect(other.received).toHaveLength(0);
    expect(off.received).toHaveLength(0);
    for (const r of [before, after, other, off]) await r.close();
  });

  it("refuses what it cannot replay, and never another organization's event", async () => {
    const org = await stack.organization();
    const stranger = await stack.organization();
    const receiver = await startReceiver();
    const booking = await lib.createEndpoint(db, org.id, { url: receiver.url, event_types: ["booking.created"] });
    const event = await emitLead(org.id);
    const path = `/api/v1/events/${event.id}/replay`;

    const unsubscribed = await org.call("POST", "/api/v1/events/[id]/replay", path, {
      endpoint_id: booking.endpoint.id,
    });
    expect(unsubscribed).toMatchObject({ status: 422, body: { error: { details: [{ field: "endpoint_id" }] } } });
    expect(await org.call("POST", "/api/v1/events/[id]/replay", path, {})).toMatchObject({
      status: 409,
      body: { error: { message: "No enabled endpoint is subscribed to lead.created: nothing to replay it to." } },
    });
    expect(await org.call("POST", "/api/v1/events/[id]/replay", path, { endpoint_id: "nope" })).toMatchObject({
      status: 422,
      body: { error: { details: [{ field: "endpoint_id", message: "endpoint_id must be a UUID" }] } },
    });
    expect((await stranger.call("POST", "/api/v1/events/[id]/replay", path, {})).status).toBe(404);
    expect((await stranger.call("GET", "/api/v1/events/[id]", `/api/v1/events/${event.id}`)).status).toBe(404);
    const foreignEndpoint = await org.call("POST", "/api/v1/events/[id]/replay", path, {
      endpoint_id: (await lib.createEndpoint(db, stranger.id, { url: receiver.url, event_types: ["lead.created"] }))
        .endpoint.id,
    });
    expect(foreignEndpoint.status).toBe(404);
    expect(await db.webhookDelivery.count({ where: { eventId: event.id } })).toBe(0);
    expect(receiver.received).toHaveLength(0);
    await receiver.close();
  });

  it("leaves the emit at one delivery per event and endpoint", async () => {
    const org = await stack.organization();
    const receiver = await startReceiver();
    const { endpoint } = await lib.createEndpoint(db, org.id, { url: receiver.url, event_types: ["lead.created"] });
    const event = await emitLead(org.id);
    const duplicate = (isReplay: boolean) => db.$executeRaw`
      INSERT INTO webhook_deliveries (id, organization_id, event_id, endpoint_id, event_type, is_replay, status, updated_at)
      VALUES (gen_random_uuid(), ${org.id}::uuid, ${event.id}::uuid, ${endpoint.id}::uuid, 'lead.created', ${isReplay}, 'succeeded', now())`;
    await expect(duplicate(false)).rejects.toThrow(/unique/i);
    await expect(duplicate(true)).resolves.toBe(1);
    await receiver.close();
  });
});

describe("the event log", () => {
  it("lists events newest first with their deliveries counted, filtered by type, in keyset pages", async () => {
    const org = await stack.organization();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await emitLead(org.id)).id);
    await lib.withEvents(db, (_tx, emit) => emit(org.id, "booking.created", EVENT_CATALOGUE["booking.created"].sample));

    const first = await org.call("GET", "/api/v1/events", "/api/v1/events?type=lead.created&limit=3");
    expect(first.status).toBe(200);
    const second = await org.call(
      "GET",
      "/api/v1/events",
      `/api/v1/events?type=lead.created&limit=3&cursor=${first.body.next_cursor}`,
    );
    expect(second.body.next_cursor).toBeNull();
    const listed = [...first.body.data, ...second.body.data];
    expect(listed.map((e: { id: string }) => e.id)).toEqual([...ids].reverse());
    expect(listed[0]).toMatchObject({
      type: "lead.created",
      endpoint_id: null,
      deliveries: { total: 0, succeeded: 0, failed: 0, pending: 0 },
    });
    const all = await org.call("GET", "/api/v1/events", "/api/v1/events");
    expect(all.body.data).toHaveLength(6);
    const future = new Date(Date.now() + 60_000).toISOString();
    expect((await org.call("GET", "/api/v1/events", `/api/v1/events?since=${future}`)).body.data).toEqual([]);
    expect(await org.call("GET", "/api/v1/events", "/api/v1/events?cursor=bad")).toMatchObject({ status: 422 });
    expect((await (await stack.organization()).call("GET", "/api/v1/events", "/api/v1/events")).body.data).toEqual([]);
  });
});

describe("OpenAPI", () => {
  it("documents the event log and replay, with replay for managers", async () => {
    const { buildOpenApi } = await import("@/lib/api/openapi");
    const { paths } = buildOpenApi();
    expect(Object.keys(paths)).toEqual(expect.arrayContaining(["/events", "/events/{id}", "/events/{id}/replay"]));
    expect(JSON.stringify(paths["/events"].get)).toContain('"cursor"');
    expect(JSON.stringify(paths["/events/{id}/replay"].post)).toContain("endpoint_id");
    expect(JSON.stringify(paths["/events/{id}/replay"].post)).toContain("owner or admin");
  });
});
