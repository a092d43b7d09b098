import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { setUpInboundRoute } from "@/test/support/inbound-route";

// POST /api/v1/webhooks/calcom, signed as Cal.com signs (X-Cal-Signature-256 over the raw body).
const SECRET = "calcom-test-secret";
const ctx = setUpInboundRoute(() => import("@/app/api/v1/webhooks/calcom/route"), { CALCOM_WEBHOOK_SECRET: SECRET });

function send(body: unknown, secret = SECRET) {
  const raw = JSON.stringify(body);
  return ctx.POST(
    new Request("http://localhost/api/v1/webhooks/calcom", {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "X-Cal-Signature-256": createHmac("sha256", secret).update(raw).digest("hex"),
      },
      body: raw,
    }),
  );
}

const booking = (trigger: string, extra: Record<string, unknown> = {}) => ({
  triggerEvent: trigger,
  createdAt: new Date().toISOString(),
  payload: {
    uid: "cal-uid-1",
    bookingId: 12345,
    title: "Haircut between Jane Smith and Demo Salon",
    startTime: "2026-03-20T14:00:00Z",
    endTime: "2026-03-20T14:30:00Z",
    attendees: [{ name: "Jane Smith", email: "jane@example.com", timeZone: "Europe/Berlin" }],
    organizer: { name: "Demo Salon", email: "salon@example.com" },
    metadata: { organization_id: ctx.orgId },
    ...extra,
  },
});

const lastEvent = async (type: string) =>
  JSON.parse(
    (
      await ctx.db.webhookEvent.findFirstOrThrow({
        where: { organizationId: ctx.orgId, type },
        orderBy: { createdAt: "desc" },
      })
    ).payload,
  );

describe("Cal.com webhooks", () => {
  it("BOOKING_CREATED makes a booking (and a lead from the attendee) with booking.created as the seed shows", async () => {
    const res = await send(booking("BOOKING_CREATED"));
    const body = await res.json();
    expect(res.status).toBe(200);
    expect(body).toMatchObject({ status: "processed", booking_id: expect.any(String), lead_id: expect.any(String) });
    expect((await lastEvent("booking.created")).data).toEqual({
      id: body.booking_id,
      lead_id: body.lead_id,
      start_time: "2026-03-20T14:00:00.000Z",
      end_time: "2026-03-20T14:30:00.000Z",
      service: "Haircut",
      calcom_booking_id: 12345,
    });
    expect((await lastEvent("lead.created")).data).toMatchObject({ name: "Jane Smith", email: "jane@example.com" });
    // Sent again with a new createdAt (a different body): the uid is known, so it is a duplicate.
    expect(await (await send(booking("BOOKING_CREATED"))).json()).toEqual({ status: "duplicate" });
  });

  it("a redelivered webhook is a duplicate; rescheduling and cancelling emit their events", async () => {
    const created = booking("BOOKING_CREATED", { uid: "cal-uid-2", bookingId: 777 });
    const first = await (await send(created)).json();
    expect(await (await send(created)).json()).toEqual({ status: "duplicate" });
    expect(await ctx.db.booking.count({ where: { calcomUid: "cal-uid-2" } })).toBe(1);

    await send(
      booking("BOOKING_RESCHEDULED", {
        uid: "cal-uid-3",
        rescheduleUid: "cal-uid-2",
        bookingId: 778,
        startTime: "2026-03-21T15:00:00Z",
        endTime: "2026-03-21T15:30:00Z",
      }),
    );
    expect((await lastEvent("booking.rescheduled")).data).toMatchObject({
      id: first.booking_id,
      start_time: "2026-03-21T15:00:00.000Z",
      previous_start_time: "2026-03-20T14:00:00.000Z",
    });

    await send(booking("BOOKING_CANCELLED", { uid: "cal-uid-3" }));
    expect((await lastEvent("booking.cancelled")).data).toEqual({
      id: first.booking_id,
      lead_id: first.lead_id,
      start_time: "2026-03-21T15:00:00.000Z",
      end_time: "2026-03-21T15:30:00.000Z",
      cancelled_at: expect.any(String),
    });
  });

  it("ignores other triggers, and refuses a wrong signature, bad JSON or an unknown organization without writing", async () => {
    expect(await (await send({ triggerEvent: "MEETING_ENDED", payload: {} })).json()).toEqual({ status: "ignored" });
    const bookings = await ctx.db.booking.count();
    expect((await send(booking("BOOKING_CREATED", { uid: "x1" }), "wrong-secret")).status).toBe(401);
    const bad = await ctx.POST(
      new Request("http://localhost/x", {
        method: "POST",
        headers: { "X-Cal-Signature-256": createHmac("sha256", SECRET).update("{nope").digest("hex") },
        body: "{nope",
      }),
    );
    expect(bad.status).toBe(400);
    expect((await send(booking("BOOKING_CREATED", { uid: "x2", metadata: {} }))).status).toBe(404);
    expect(
      (
        await send({
          triggerEvent: "BOOKING_CREATED",
          payload: { uid: "x3", metadata: { organization_id: ctx.orgId } },
        })
      ).status,
    ).toBe(422);
    expect(await ctx.db.booking.count()).toBe(bookings);
  });

  it("refuses every request while CALCOM_WEBHOOK_SECRET is unset, signed or not, leaving only the log line", async () => {
    const bookings = await ctx.db.booking.count();
    const logged = await ctx.db.inboundRequest.count();
    const events = await ctx.db.webhookEvent.count();
    delete process.env.CALCOM_WEBHOOK_SECRET;
    try {
      const unsigned = await ctx.POST(
        new Request("http://localhost/api/v1/webhooks/calcom", {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify(booking("BOOKING_CREATED", { uid: "forged-1" })),
        }),
      );
      expect(unsigned.status).toBe(401);
      expect((await unsigned.json()).error.message).toContain("CALCOM_WEBHOOK_SECRET");
      expect((await send(booking("BOOKING_CREATED", { uid: "forged-2" }), "")).status).toBe(401);
    } finally {
      process.env.CALCOM_WEBHOOK_SECRET = SECRET;
    }
    expect(await ctx.db.booking.count()).toBe(bookings);
    expect(await ctx.db.webhookEvent.count()).toBe(events);
    expect(await ctx.db.inboundRequest.count()).toBe(logged + 2);
  });
});
