import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  deliverNewEvents,
  expectRejections,
  setUpInboundRoute,
  subscribeReceiver,
  type RejectionCase,
} from "@/test/support/inbound-route";
import { createTestOrganization } from "@/test/support/webhook-fixtures";
import { fixtureJson } from "@/test/support/load-fixture";

// POST /api/v1/webhooks/calcom/{connection_id} over real HTTP: the global route's handling, but
// signed with the connection's generated secret (required) and booked into its organization.
const GLOBAL_SECRET = "global-calcom-secret";
const ctx = setUpInboundRoute(
  () => import("@/app/api/v1/webhooks/calcom/[connection_id]/route"),
  { CALCOM_WEBHOOK_SECRET: GLOBAL_SECRET },
  "/api/v1/webhooks/calcom/[connection_id]",
);

let connection: { id: string; secret: string };
let receiver: Awaited<ReturnType<typeof subscribeReceiver>>;
beforeAll(async () => {
  const { createConnection } = await import("@/lib/integrations/connections");
  const created = await createConnection(ctx.db, ctx.orgId, { provider: "calcom" });
  connection = {
    id: created.connection.id,
    secret: (created.credentials as { signing_secret: string }).signing_secret,
  };
  receiver = await subscribeReceiver(ctx.db, ctx.orgId);
});
afterAll(() => receiver.close());

const sign = (raw: string, secret: string) => createHmac("sha256", secret).update(raw).digest("hex");

function send(body: unknown, options: { secret?: string | null; connection?: string; raw?: string } = {}) {
  const raw = options.raw ?? JSON.stringify(body);
  const secret = options.secret === undefined ? connection.secret : options.secret;
  return fetch(`${ctx.origin}/api/v1/webhooks/calcom/${options.connection ?? connection.id}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...(secret ? { "X-Cal-Signature-256": sign(raw, secret) } : {}) },
    body: raw,
  });
}

type CalcomBody = { triggerEvent: string; createdAt: string; payload: Record<string, unknown> };
const created = fixtureJson<CalcomBody>("calcom-booking-created.json");
const cancelled = fixtureJson<CalcomBody>("calcom-booking-cancelled.json");

describe("Cal.com per-organization connection", () => {
  it("books into the connection's organization, whatever the metadata says, and delivers booking.created and booking.cancelled", async () => {
    const elsewhere = await createTestOrganization(ctx.db);
    const body = {
      ...created,
      payload: { ...created.payload, uid: "conn-uid-1", metadata: { organization_id: elsewhere.id } },
    };
    const res = await send(body);
    expect(res.status).toBe(200);
    const { booking_id: bookingId, lead_id: leadId } = await res.json();
    expect(await ctx.db.booking.findUniqueOrThrow({ where: { id: bookingId } })).toMatchObject({
      organizationId: ctx.orgId,
      calcomUid: "conn-uid-1",
      source: "calcom",
    });
    expect(await ctx.db.booking.count({ where: { organizationId: elsewhere.id } })).toBe(0);
    expect(await (await send(body)).json()).toEqual({ status: "duplicate" });

    expect(
      await (await send({ ...cancelled, payload: { ...cancelled.payload, uid: "conn-uid-1", metadata: {} } })).json(),
    ).toEqual({ status: "processed", booking_id: bookingId });

    await deliverNewEvents(ctx.db, ctx.orgId);
    expect(receiver.events("booking.created").map((e) => e.data)).toEqual([
      {
        id: bookingId,
        lead_id: leadId,
        start_time: "2026-03-20T14:00:00.000Z",
        end_time: "2026-03-20T14:30:00.000Z",
        service: "Haircut",
        calcom_booking_id: 12345,
      },
    ]);
    expect(receiver.events("booking.cancelled").map((e) => e.data)).toEqual([
      {
        id: bookingId,
        lead_id: leadId,
        start_time: "2026-03-20T14:00:00.000Z",
        end_time: "2026-03-20T14:30:00.000Z",
        cancelled_at: expect.any(String),
      },
    ]);
    const log = await ctx.db.inboundRequest.findMany({
      where: { connectionId: connection.id },
      orderBy: { id: "asc" },
    });
    expect(log.map((r) => [r.eventType, r.outcome, r.organizationId])).toEqual([
      ["BOOKING_CREATED", "processed", ctx.orgId],
      ["BOOKING_CREATED", "duplicate", ctx.orgId],
      ["BOOKING_CANCELLED", "processed", ctx.orgId],
    ]);
    expect(
      (await ctx.db.integrationConnection.findUniqueOrThrow({ where: { id: connection.id } })).lastReceivedAt,
    ).not.toBeNull();
  });

  it("needs the connection's own signature; bad JSON, wrong types, unknown connection, 2 MB: a clear 4xx, only the log entry", async () => {
    const { createConnection } = await import("@/lib/integrations/connections");
    const varda = await createConnection(ctx.db, ctx.orgId, { provider: "varda", signing_secret: "varda-secret" });
    const body = { ...created, payload: { ...created.payload, uid: "conn-uid-2" } };
    const before = {
      bookings: await ctx.db.booking.count(),
      leads: await ctx.db.lead.count(),
      events: await ctx.db.webhookEvent.count(),
    };
    const cases: RejectionCase[] = [
      ["unsigned", () => send(body, { secret: null }), 401, "Missing X-Cal-Signature-256"],
      ["signed with the global secret", () => send(body, { secret: GLOBAL_SECRET }), 401, "does not match"],
      ["malformed JSON", () => send(null, { raw: "{nope" }), 400, "not valid JSON"],
      [
        "wrong types",
        () => send({ ...body, payload: { ...body.payload, startTime: "tomorrow", attendees: "jane" } }),
        422,
        "payload.startTime",
      ],
      [
        "unknown connection",
        () => send(body, { connection: "00000000-0000-4000-8000-000000000000" }),
        404,
        "No Cal.com connection",
      ],
      ["a Varda connection's id", () => send(body, { connection: varda.connection.id }), 404, "No Cal.com connection"],
      ["2 MB body", () => send({ ...body, padding: "x".repeat(2_000_000) }), 413, "larger than"],
    ];
    const log = await expectRejections(ctx.db, cases);
    expect(
      log
        .filter((r) => r.httpStatus === 401)
        .every(
          (r) => r.verification === "failed" && r.connectionId === connection.id && r.organizationId === ctx.orgId,
        ),
    ).toBe(true);
    expect({
      bookings: await ctx.db.booking.count(),
      leads: await ctx.db.lead.count(),
      events: await ctx.db.webhookEvent.count(),
    }).toEqual(before);
  });

  it("scopes uids and redelivery keys per organization and connection: another tenant's booking neither shadows nor reveals this one", async () => {
    const { createConnection } = await import("@/lib/integrations/connections");
    const other = await createTestOrganization(ctx.db);
    const theirs = await createConnection(ctx.db, other.id, { provider: "calcom" });
    const theirSecret = (theirs.credentials as { signing_secret: string }).signing_secret;
    // The other tenant books first, with the very uid and createdAt this organization will get.
    const body = { ...created, payload: { ...created.payload, uid: "shared-uid", metadata: {} } };
    const first = await send(body, { connection: theirs.connection.id, secret: theirSecret });
    expect(await first.json()).toMatchObject({ status: "processed" });

    const res = await send(body);
    expect(await res.json()).toMatchObject({ status: "processed", booking_id: expect.any(String) });
    expect(
      (await ctx.db.booking.findMany({ where: { calcomUid: "shared-uid" } })).map((b) => b.organizationId).sort(),
    ).toEqual([ctx.orgId, other.id].sort());
    // And each tenant cancels its own booking only.
    const cancel = { ...cancelled, payload: { ...cancelled.payload, uid: "shared-uid", metadata: {} } };
    expect(await (await send(cancel)).json()).toMatchObject({ status: "processed" });
    expect(
      await ctx.db.booking.findFirstOrThrow({ where: { organizationId: other.id, calcomUid: "shared-uid" } }),
    ).toMatchObject({ status: "confirmed", cancelledAt: null });
  });
});
