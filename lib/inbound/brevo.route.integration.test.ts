import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  deliverNewEvents,
  expectRejections,
  setUpInboundRoute,
  subscribeReceiver,
  type RejectionCase,
} from "@/test/support/inbound-route";
import { fixtureJson, fixtureText } from "@/test/support/load-fixture";

// POST /api/v1/webhooks/brevo/{connection_id}/{kind} over real HTTP with the seed's payloads,
// authorized as Brevo sends it (the connection's bearer token, or basic auth from the URL).
const ctx = setUpInboundRoute(
  () => import("@/app/api/v1/webhooks/brevo/[connection_id]/[kind]/route"),
  {},
  "/api/v1/webhooks/brevo/[connection_id]/[kind]",
);

let bearer: { id: string; token: string };
let basic: { id: string; username: string; password: string };
let receiver: Awaited<ReturnType<typeof subscribeReceiver>>;
beforeAll(async () => {
  const { createConnection } = await import("@/lib/integrations/connections");
  const a = await createConnection(ctx.db, ctx.orgId, { provider: "brevo", auth: "bearer" });
  bearer = { id: a.connection.id, token: (a.credentials as { bearer_token: string }).bearer_token };
  const b = await createConnection(ctx.db, ctx.orgId, { provider: "brevo", auth: "basic" });
  basic = { id: b.connection.id, ...(b.credentials as { username: string; password: string }) };
  receiver = await subscribeReceiver(ctx.db, ctx.orgId);
});
afterAll(() => receiver.close());

const basicHeader = (username: string, password: string) =>
  `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`;

function send(kind: string, raw: string, options: { authorization?: string | null; connection?: string } = {}) {
  const authorization = options.authorization === undefined ? `Bearer ${bearer.token}` : options.authorization;
  return fetch(`${ctx.origin}/api/v1/webhooks/brevo/${options.connection ?? bearer.id}/${kind}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...(authorization ? { Authorization: authorization } : {}) },
    body: raw,
  });
}
const json = async (res: Promise<Response>) => {
  const r = await res;
  return { status: r.status, body: await r.json() };
};

const meetingText = fixtureText("brevo-meeting.json");
const meeting = fixtureJson("brevo-meeting.json");
const callText = fixtureText("brevo-call-finished.json");
const call = fixtureJson("brevo-call-finished.json");

const counts = async () => ({
  leads: await ctx.db.lead.count(),
  bookings: await ctx.db.booking.count(),
  calls: await ctx.db.call.count(),
  events: await ctx.db.webhookEvent.count(),
});

describe("Brevo meetings", () => {
  it("booked → booking, lead from the participant and booking.created; started marks it; cancelled → booking.cancelled", async () => {
    const booked = await json(send("meeting-booked", meetingText));
    expect(booked).toEqual({
      status: 200,
      body: { status: "processed", booking_id: expect.any(String), lead_id: expect.any(String) },
    });
    const { booking_id: bookingId, lead_id: leadId } = booked.body;
    expect(await ctx.db.lead.findUniqueOrThrow({ where: { id: leadId } })).toMatchObject({
      organizationId: ctx.orgId,
      name: "john doe",
      email: "john@example.coo",
      channel: "email",
    });
    expect(await ctx.db.booking.findUniqueOrThrow({ where: { id: bookingId } })).toMatchObject({
      leadId,
      service: "Testmeeting",
      status: "confirmed",
      source: "brevo",
      notes: "Meeting-notes",
      startTime: new Date("2025-06-10T07:09:01.696Z"),
      calcomBookingId: null,
    });

    // Brevo sends no id: the identical payload again is a duplicate, and so is the same meeting in other bytes.
    expect(await json(send("meeting-booked", meetingText))).toEqual({ status: 200, body: { status: "duplicate" } });
    expect(await json(send("meeting-booked", JSON.stringify({ ...meeting, price: 99 })))).toEqual({
      status: 200,
      body: { status: "duplicate" },
    });
    expect(await ctx.db.booking.count({ where: { organizationId: ctx.orgId } })).toBe(1);

    expect(await json(send("meeting-started", meetingText))).toEqual({
      status: 200,
      body: { status: "processed", booking_id: bookingId, started: true },
    });
    expect(await ctx.db.booking.findUniqueOrThrow({ where: { id: bookingId } })).toMatchObject({
      status: "started",
      startedAt: expect.any(Date),
    });

    expect(await json(send("meeting-cancelled", meetingText))).toEqual({
      status: 200,
      body: { status: "processed", booking_id: bookingId, cancelled: true },
    });
    expect(await ctx.db.booking.findUniqueOrThrow({ where: { id: bookingId } })).toMatchObject({
      status: "cancelled",
      cancelledAt: expect.any(Date),
    });

    await deliverNewEvents(ctx.db, ctx.orgId);
    expect(receiver.events("booking.created").map((e) => e.data)).toEqual([
      {
        id: bookingId,
        lead_id: leadId,
        start_time: "2025-06-10T07:09:01.696Z",
        end_time: "2025-06-10T07:09:01.696Z",
        service: "Testmeeting",
        calcom_booking_id: null,
      },
    ]);
    expect(receiver.events("booking.cancelled").map((e) => e.data)).toEqual([
      {
        id: bookingId,
        lead_id: leadId,
        start_time: "2025-06-10T07:09:01.696Z",
        end_time: "2025-06-10T07:09:01.696Z",
        cancelled_at: expect.any(String),
      },
    ]);
    expect(receiver.events("lead.created").map((e) => e.data)).toEqual([
      {
        id: leadId,
        name: "john doe",
        email: "john@example.coo",
        phone: null,
        channel: "email",
        status: "new",
        created_at: expect.any(String),
      },
    ]);
    const log = await ctx.db.inboundRequest.findMany({ where: { connectionId: bearer.id }, orderBy: { id: "asc" } });
    expect(log.map((r) => [r.eventType, r.outcome])).toEqual([
      ["meeting-booked", "processed"],
      ["meeting-booked", "duplicate"],
      ["meeting-booked", "duplicate"],
      ["meeting-started", "processed"],
      ["meeting-cancelled", "processed"],
    ]);
    expect(
      (await ctx.db.integrationConnection.findUniqueOrThrow({ where: { id: bearer.id } })).lastReceivedAt,
    ).not.toBeNull();
  });

  it("a meeting Brevo never reported as booked cannot start or be cancelled: 404, logged as unmatched", async () => {
    const other = JSON.stringify({ ...meeting, meeting_start_timestamp: "2025-07-01T09:00:00Z" });
    for (const kind of ["meeting-started", "meeting-cancelled"]) {
      const res = await json(send(kind, other));
      expect(res.status).toBe(404);
      expect(res.body.error.message).toContain("No booking for the Brevo meeting");
    }
    const last = await ctx.db.inboundRequest.findFirstOrThrow({ orderBy: { id: "desc" } });
    expect(last).toMatchObject({ outcome: "unmatched", connectionId: bearer.id, organizationId: ctx.orgId });
  });
});

describe("Brevo: concurrent deliveries", () => {
  it("10 identical meeting-booked posts at once make one booking and 9 duplicates", async () => {
    const raw = JSON.stringify({ ...meeting, meeting_start_timestamp: "2025-08-01T10:00:00Z", meeting_name: "Rush" });
    const answers = await Promise.all(
      Array.from({ length: 10 }, async () => (await json(send("meeting-booked", raw))).body.status),
    );
    expect(answers.sort()).toEqual([...Array(9).fill("duplicate"), "processed"]);
    expect(await ctx.db.booking.count({ where: { service: "Rush" } })).toBe(1);
  });
});

describe("Brevo calls", () => {
  it("a call is recorded; a missed call from an unknown number creates a phone lead and lead.created", async () => {
    const answered = await json(send("call-finished", callText));
    expect(answered.body).toEqual({ status: "processed", call_id: expect.any(String), lead_id: null });
    expect(await ctx.db.call.findUniqueOrThrow({ where: { id: answered.body.call_id } })).toMatchObject({
      organizationId: ctx.orgId,
      source: "brevo",
      status: "answered",
      fromNumber: "+14002007868",
      toNumber: "+441400800008",
      durationSeconds: 123,
      leadId: null,
    });
    expect(await ctx.db.lead.count({ where: { phone: "+14002007868" } })).toBe(0);

    const missed = JSON.stringify({ ...call, type: "missed", duration_seconds: 0 });
    const first = await json(send("call-finished", missed));
    expect(first.body).toEqual({ status: "processed", call_id: expect.any(String), lead_id: expect.any(String) });
    expect(await ctx.db.lead.findUniqueOrThrow({ where: { id: first.body.lead_id } })).toMatchObject({
      name: "+14002007868",
      phone: "+14002007868",
      channel: "phone",
      status: "new",
    });
    expect(await ctx.db.call.findUniqueOrThrow({ where: { id: first.body.call_id } })).toMatchObject({
      direction: "inbound",
      status: "missed",
      leadId: first.body.lead_id,
    });
    expect(await json(send("call-finished", missed))).toEqual({ status: 200, body: { status: "duplicate" } });

    // A later missed call (another payload) from the number is the lead's, not a new lead.
    const again = await json(
      send("call-finished", JSON.stringify({ ...call, type: "missed voicemail", duration_seconds: 12 }), {
        connection: basic.id,
        authorization: basicHeader(basic.username, basic.password),
      }),
    );
    expect(again.body).toMatchObject({ status: "processed", lead_id: first.body.lead_id });
    expect(await ctx.db.lead.count({ where: { phone: "+14002007868" } })).toBe(1);

    await deliverNewEvents(ctx.db, ctx.orgId);
    expect(receiver.events("lead.created").map((e) => e.data)).toContainEqual({
      id: first.body.lead_id,
      name: "+14002007868",
      email: null,
      phone: "+14002007868",
      channel: "phone",
      status: "new",
      created_at: expect.any(String),
    });
  });
});

describe("Brevo: bad requests", () => {
  it("wrong or missing credentials, bad JSON, wrong types, unknown connection or kind, 2 MB: a clear 4xx, only the log entry", async () => {
    const before = await counts();
    const fresh = JSON.stringify({ ...call, type: "missed", phone_number: "+15550001111" });
    const cases: RejectionCase[] = [
      [
        "wrong token",
        () => send("call-finished", fresh, { authorization: "Bearer not-the-token" }),
        401,
        "Wrong bearer token",
      ],
      ["no Authorization", () => send("call-finished", fresh, { authorization: null }), 401, "Missing Authorization"],
      [
        "basic to a bearer connection",
        () => send("call-finished", fresh, { authorization: basicHeader(basic.username, basic.password) }),
        401,
        "expects a bearer token",
      ],
      [
        "wrong password",
        () =>
          send("call-finished", fresh, { connection: basic.id, authorization: basicHeader(basic.username, "guess") }),
        401,
        "Wrong basic-auth",
      ],
      [
        "another connection's token",
        () => send("call-finished", fresh, { connection: basic.id }),
        401,
        "expects basic-auth",
      ],
      ["malformed JSON", () => send("call-finished", "{not json"), 400, "not valid JSON"],
      [
        "wrong types",
        () => send("call-finished", JSON.stringify({ ...call, duration_seconds: "long", type: "teleported" })),
        422,
        "duration_seconds: must be a number",
      ],
      [
        "no start time",
        () => send("meeting-booked", JSON.stringify({ ...meeting, meeting_start_timestamp: undefined })),
        422,
        "meeting_start_timestamp: is required",
      ],
      [
        "unknown connection",
        () => send("call-finished", fresh, { connection: "00000000-0000-4000-8000-000000000000" }),
        404,
        "No Brevo connection",
      ],
      ["unknown kind", () => send("meeting-exploded", fresh), 404, "Unknown Brevo webhook"],
      [
        "2 MB body",
        () => send("call-finished", JSON.stringify({ ...call, padding: "x".repeat(2_000_000) })),
        413,
        "larger than",
      ],
    ];
    const log = await expectRejections(ctx.db, cases);
    expect(await counts()).toEqual(before);
    expect(
      log
        .filter((r) => r.httpStatus === 401)
        .every((r) => r.verification === "failed" && r.organizationId === ctx.orgId),
    ).toBe(true);
  });

  it("the credentials are stored sealed, never in plaintext", async () => {
    const rows = await ctx.db.integrationConnection.findMany({ where: { id: { in: [bearer.id, basic.id] } } });
    const stored = JSON.stringify(rows);
    expect(stored).not.toContain(bearer.token);
    expect(stored).not.toContain(basic.password);
    expect(rows.find((r) => r.id === basic.id)).toMatchObject({
      basicUsername: basic.username,
      basicPasswordEncrypted: expect.stringMatching(/^v1\./),
      secretEncrypted: null,
    });
  });
});
