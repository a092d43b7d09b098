import { describe, expect, it } from "vitest";
import { fixtureJson, fixtureText } from "@/test/support/load-fixture";
import { calcomServiceName, parseCalcomWebhook } from "./parse-calcom-webhook";

const ORG = "550e8400-e29b-41d4-a716-446655440000";
const LEAD = "660f9500-e29b-41d4-a716-446655440000";
type Hook = { triggerEvent: string; createdAt?: string; payload: Record<string, unknown> };
const created = fixtureJson<Hook>("calcom-booking-created.json");
const withPayload = (hook: Hook, payload: Record<string, unknown>) =>
  JSON.stringify({ ...hook, payload: { ...hook.payload, ...payload } });

describe("parseCalcomWebhook", () => {
  it("turns BOOKING_CREATED into a booking with the service from the title and the numeric booking id", () => {
    const result = parseCalcomWebhook(fixtureText("calcom-booking-created.json"));
    expect(result).toEqual({
      ok: true,
      command: {
        kind: "booking_created",
        triggerEvent: "BOOKING_CREATED",
        createdAt: "2026-03-07T10:10:00.000Z",
        dedupeKey: expect.stringMatching(/^calcom:[0-9a-f]{64}$/),
        uid: "bFJeNb2uX8ANpT3JL5EfXw",
        calcomBookingId: 12345,
        organizationId: ORG,
        leadId: LEAD,
        attendee: { name: "Jane Smith", email: "jane@example.com", phone: "+49123456789", timeZone: "Europe/Berlin" },
        status: "ACCEPTED",
        service: "Haircut",
        startTime: new Date("2026-03-20T14:00:00Z"),
        endTime: new Date("2026-03-20T14:30:00Z"),
      },
    });
  });

  it("turns BOOKING_CANCELLED into a cancellation of the uid, with its reason", () => {
    expect(parseCalcomWebhook(fixtureText("calcom-booking-cancelled.json"))).toMatchObject({
      ok: true,
      command: {
        kind: "booking_cancelled",
        uid: "bFJeNb2uX8ANpT3JL5EfXw",
        calcomBookingId: 12345,
        cancellationReason: "Feeling unwell",
        organizationId: null,
      },
    });
    // A cancellation does not need the times: our booking has them.
    const bare = JSON.stringify({
      triggerEvent: "BOOKING_CANCELLED",
      createdAt: "2026-03-08T09:00:00Z",
      payload: { uid: "abc" },
    });
    expect(parseCalcomWebhook(bare)).toMatchObject({
      ok: true,
      command: { kind: "booking_cancelled", uid: "abc", attendee: null },
    });
  });

  it("turns BOOKING_RESCHEDULED into new times for the booking it replaces", () => {
    expect(parseCalcomWebhook(fixtureText("calcom-booking-rescheduled.json"))).toMatchObject({
      ok: true,
      command: {
        kind: "booking_rescheduled",
        uid: "q9Xk2mWcRZ8vLh4TeYbN3a",
        calcomBookingId: 12346,
        previousUid: "bFJeNb2uX8ANpT3JL5EfXw",
        previousBookingId: 12345,
        startTime: new Date("2026-03-21T09:00:00Z"),
        endTime: new Date("2026-03-21T09:30:00Z"),
        organizationId: ORG,
      },
    });
    const older = withPayload(fixtureJson<Hook>("calcom-booking-rescheduled.json"), {
      rescheduleUid: undefined,
      fromReschedule: "old-uid",
    });
    expect(parseCalcomWebhook(older)).toMatchObject({ ok: true, command: { previousUid: "old-uid" } });
  });

  it.each(["PING", "MEETING_ENDED", "BOOKING_REQUESTED"])(
    "answers %s with ignored, without validating its payload",
    (trigger) => {
      const result = parseCalcomWebhook(JSON.stringify({ triggerEvent: trigger, payload: { anything: true } }));
      expect(result).toMatchObject({
        ok: true,
        command: { kind: "ignored", triggerEvent: trigger, reason: expect.stringContaining(trigger) },
      });
    },
  );

  it("is liberal where Cal.com varies: string ids, extra fields, no metadata, a non-UUID metadata value", () => {
    const result = parseCalcomWebhook(
      withPayload(created, { bookingId: "12345", metadata: undefined, brandNewField: { x: 1 } }),
    );
    expect(result).toMatchObject({ ok: true, command: { calcomBookingId: 12345, organizationId: null, leadId: null } });
    expect(parseCalcomWebhook(withPayload(created, { metadata: { organization_id: "acme" } }))).toMatchObject({
      ok: true,
      command: { organizationId: null },
    });
  });

  it.each([
    [withPayload(created, { uid: undefined }), "payload.uid: is required"],
    [
      withPayload(created, { startTime: "tomorrow" }),
      "payload.startTime: Invalid ISO datetime (expected e.g. 2026-03-20T14:00:00Z)",
    ],
    [withPayload(created, { bookingId: "B-1" }), "payload.bookingId: must be an integer id"],
    [
      withPayload(created, { attendees: [{ email: 7 }] }),
      "payload.attendees[0].email: Invalid input: expected string, received number",
    ],
    [JSON.stringify({ triggerEvent: "BOOKING_CREATED" }), "payload: is required"],
    [JSON.stringify({ payload: {} }), "triggerEvent: is required"],
  ])("answers %s with a 422 naming the field", (raw, message) => {
    expect(parseCalcomWebhook(raw)).toMatchObject({ ok: false, status: 422, code: "validation_failed", message });
  });

  it("answers malformed JSON with a 400", () => {
    expect(parseCalcomWebhook('{"triggerEvent":')).toMatchObject({ ok: false, status: 400, code: "bad_request" });
  });

  it("gives a redelivery the same dedupe key and another event another key", () => {
    const key = (raw: string) => {
      const r = parseCalcomWebhook(raw);
      return r.ok && r.command.kind !== "ignored" ? r.command.dedupeKey : null;
    };
    const original = key(fixtureText("calcom-booking-created.json"));
    expect(key(JSON.stringify(created))).toBe(original);
    expect(key(JSON.stringify({ ...created, createdAt: "2026-03-07T10:11:00.000Z" }))).not.toBe(original);
    expect(key(fixtureText("calcom-booking-cancelled.json"))).not.toBe(original);
    // Without createdAt the raw body is the identity.
    const noCreatedAt = JSON.stringify({ ...created, createdAt: undefined });
    expect(key(noCreatedAt)).toBe(key(noCreatedAt));
    expect(key(noCreatedAt)).not.toBe(key(withPayload({ ...created, createdAt: undefined }, { title: "Other" })));
  });
});

describe("calcomServiceName", () => {
  it("takes the event type from Cal.com's default title, falling back to the event title", () => {
    expect(calcomServiceName("30 Min Meeting between Biff McIfttt and Jane Doe", null)).toBe("30 Min Meeting");
    expect(calcomServiceName("Beard trim", null)).toBe("Beard trim");
    expect(calcomServiceName(null, "Colour")).toBe("Colour");
    expect(calcomServiceName(null, null)).toBe("Appointment");
  });
});
