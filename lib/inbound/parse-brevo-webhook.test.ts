import { describe, expect, it } from "vitest";
import { fixtureJson, fixtureText } from "@/test/support/load-fixture";
import { isBrevoKind } from "./brevo-webhook-schema";
import { parseBrevoWebhook } from "./parse-brevo-webhook";

const meetingText = fixtureText("brevo-meeting.json");
const meeting = fixtureJson("brevo-meeting.json");
const callText = fixtureText("brevo-call-finished.json");
const call = fixtureJson("brevo-call-finished.json");
const edit = (base: Record<string, unknown>, changes: Record<string, unknown>) =>
  JSON.stringify({ ...base, ...changes });

describe("parseBrevoWebhook: meetings", () => {
  it("meeting-booked → a booking for the first participant, with the seed's attributes", () => {
    expect(parseBrevoWebhook("meeting-booked", meetingText)).toEqual({
      ok: true,
      command: {
        kind: "meeting_booked",
        dedupeKey: expect.stringMatching(/^brevo:[0-9a-f]{64}$/),
        participant: { email: "john@example.coo", firstName: "john", lastName: "doe", name: "john doe" },
        participants: [{ email: "john@example.coo", firstName: "john", lastName: "doe", name: "john doe" }],
        meeting: {
          externalRef: expect.stringMatching(/^brevo:meeting:[0-9a-f]{64}$/),
          name: "Testmeeting",
          service: "Testmeeting",
          startTime: new Date("2025-06-10T07:09:01.696Z"),
          endTime: new Date("2025-06-10T07:09:01.696Z"),
          location: "MeetingpointA",
          address: "12345 CityAB",
          notes: "Meeting-notes",
          price: 123,
          currency: "EUR",
          accountEmail: "john@example.com",
        },
      },
    });
  });

  it("started and cancelled carry the same meeting reference as booked, so they find its booking", () => {
    const ref = (kind: "meeting-booked" | "meeting-started" | "meeting-cancelled", raw = meetingText) => {
      const r = parseBrevoWebhook(kind, raw);
      return r.ok && r.command.kind !== "call_finished" ? [r.command.kind, r.command.meeting.externalRef] : null;
    };
    const [, booked] = ref("meeting-booked")!;
    expect(ref("meeting-started")).toEqual(["meeting_started", booked]);
    expect(ref("meeting-cancelled")).toEqual(["meeting_cancelled", booked]);
    expect(
      ref(
        "meeting-cancelled",
        edit(meeting, { meeting_start_timestamp: "2025-06-10T09:09:01.696+02:00", meeting_notes: "changed" }),
      )?.[1],
    ).toBe(booked);
    expect(
      ref("meeting-cancelled", edit(meeting, { meeting_start_timestamp: "2025-06-11T07:09:01.696Z" }))?.[1],
    ).not.toBe(booked);
  });

  it.each([
    [edit(meeting, { meeting_start_timestamp: undefined }), "meeting_start_timestamp: is required"],
    [
      edit(meeting, { meeting_start_timestamp: "10.06.2025 07:09" }),
      "meeting_start_timestamp: Invalid ISO datetime (expected e.g. 2026-03-20T14:00:00Z)",
    ],
    [
      edit(meeting, { event_participants: [{ EMAIL: 5 }] }),
      "event_participants[0].EMAIL: Invalid input: expected string, received number",
    ],
    [edit(meeting, { price: "123" }), "price: must be a number"],
  ])("answers %s with a 422 naming the attribute", (raw, message) => {
    expect(parseBrevoWebhook("meeting-booked", raw)).toMatchObject({
      ok: false,
      status: 422,
      code: "validation_failed",
      message,
    });
  });

  it("accepts a meeting without participants (the caller decides about the lead)", () => {
    expect(parseBrevoWebhook("meeting-booked", edit(meeting, { event_participants: [] }))).toMatchObject({
      ok: true,
      command: { participant: null, participants: [] },
    });
  });
});

describe("parseBrevoWebhook: call-finished", () => {
  it("the seed's answered call → a call record, not missed", () => {
    expect(parseBrevoWebhook("call-finished", callText)).toEqual({
      ok: true,
      command: {
        kind: "call_finished",
        dedupeKey: expect.stringMatching(/^brevo:/),
        missed: false,
        call: {
          phoneNumber: "+14002007868",
          type: "answered",
          durationSeconds: 123,
          isForwarded: true,
          recording: true,
          phoneLine: "+441400800008",
          phoneLineName: "My number",
          agentName: "john doe",
        },
      },
    });
  });

  it.each([
    ["missed", "missed", true],
    ["missed voicemail", "missed voicemail", true],
    ["Missed_Voicemail", "missed voicemail", true],
    ["failed/cancelled", "failed/cancelled", false],
    ["failed", "failed/cancelled", false],
    ["cancelled", "failed/cancelled", false],
    ["connected", "connected", false],
    ["not connected", "not connected", false],
  ])("type %j → %j, missed: %s", (type, normalized, missed) => {
    expect(parseBrevoWebhook("call-finished", edit(call, { type }))).toMatchObject({
      ok: true,
      command: { call: { type: normalized }, missed },
    });
  });

  it.each([
    [
      edit(call, { type: "voicemail" }),
      "type: must be one of answered, failed/cancelled, missed, missed voicemail, connected, not connected",
    ],
    [edit(call, { phone_number: undefined }), "phone_number: is required"],
    [edit(call, { duration_seconds: "123" }), "duration_seconds: must be a number"],
  ])("answers %s with a 422 naming the attribute", (raw, message) => {
    expect(parseBrevoWebhook("call-finished", raw)).toMatchObject({
      ok: false,
      status: 422,
      code: "validation_failed",
      message,
    });
  });

  it("answers malformed JSON with a 400", () => {
    expect(parseBrevoWebhook("call-finished", "{")).toMatchObject({ ok: false, status: 400, code: "bad_request" });
  });
});

describe("Brevo dedupe keys and kinds", () => {
  it("keys by kind + raw body: identical deliveries match, another kind or byte does not", () => {
    const key = (kind: "meeting-booked" | "meeting-cancelled", raw: string) => {
      const r = parseBrevoWebhook(kind, raw);
      return r.ok ? r.command.dedupeKey : null;
    };
    expect(key("meeting-booked", meetingText)).toBe(key("meeting-booked", meetingText));
    expect(key("meeting-booked", meetingText)).not.toBe(key("meeting-cancelled", meetingText));
    expect(key("meeting-booked", meetingText)).not.toBe(key("meeting-booked", `${meetingText} `));
  });

  it("knows the four URL segments", () => {
    expect(["meeting-booked", "meeting-started", "meeting-cancelled", "call-finished"].every(isBrevoKind)).toBe(true);
    expect(isBrevoKind("call-started")).toBe(false);
  });
});
