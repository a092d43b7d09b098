import { describe, expect, it } from "vitest";
import { fixtureJson, fixtureText } from "@/test/support/load-fixture";
import { parseVardaEvent } from "./parse-varda-event";
import { vardaChannel, vardaOutcomeLeadStatus } from "./varda-mappings";

// References are scoped to the connection an event came through (Varda ids are per account).
const parse = (raw: string) => parseVardaEvent(raw, "conn-1");

type Envelope = { event: string; timestamp: string; data: Record<string, unknown> };
const conversationCreated = fixtureJson<Envelope>("varda-conversation-created.json");
const callEnded = fixtureJson<Envelope>("varda-call-ended.json");
const outcomeTagged = fixtureJson<Envelope>("varda-call-outcome-tagged.json");
const seedContact = conversationCreated.data.contact as Record<string, unknown>;
const seedAttribution = conversationCreated.data.attribution;
const with_ = (e: Envelope, changes: Partial<Envelope>, data: Record<string, unknown> = {}) =>
  JSON.stringify({ ...e, ...changes, data: { ...e.data, ...data } });

// The five events the seed shows no payload for, derived from the ones it shows.
const derived = {
  "conversation.resolved": with_(
    conversationCreated,
    { event: "conversation.resolved", timestamp: "2026-03-25T19:00:00Z" },
    { status: "resolved" },
  ),
  "conversation.closed": with_(
    conversationCreated,
    { event: "conversation.closed", timestamp: "2026-03-25T19:10:00Z" },
    { status: "closed" },
  ),
  "call.started": JSON.stringify({
    event: "call.started",
    timestamp: "2026-03-25T18:30:55Z",
    data: { ...callEnded.data, status: "ringing", duration_seconds: null, disposition: null, ended_at: null },
  }),
  "contact.created": JSON.stringify({
    event: "contact.created",
    timestamp: "2026-03-25T18:30:00Z",
    data: { ...seedContact, attribution: seedAttribution, created_at: "2026-03-25T18:30:00Z" },
  }),
  "contact.updated": JSON.stringify({
    event: "contact.updated",
    timestamp: "2026-03-26T08:00:00Z",
    data: { ...seedContact, email: "jane.doe@example.com", updated_at: "2026-03-26T08:00:00Z" },
  }),
};

const janeDoe = {
  vardaId: 456,
  externalRef: "varda:conn-1:contact:456",
  name: "Jane Doe",
  email: "jane@example.com",
  phone: "+18005551234",
};

describe("parseVardaEvent on the seed's payloads", () => {
  it("conversation.created → a conversation on the mapped channel, with its contact and attribution", () => {
    expect(parse(fixtureText("varda-conversation-created.json"))).toEqual({
      ok: true,
      command: {
        kind: "record_conversation",
        event: "conversation.created",
        occurredAt: new Date("2026-03-25T18:30:00Z"),
        dedupeKey: expect.stringMatching(/^varda:[0-9a-f]{64}$/),
        contact: janeDoe,
        attribution: {
          source: "google_ads",
          medium: "cpc",
          campaign: "spring-sale",
          landing_page: "https://example.com/services",
          type: "session",
        },
        conversation: {
          vardaId: 123,
          externalRef: "varda:conn-1:conversation:123",
          status: "open",
          priority: "high",
          channel: "phone",
          channelType: "phone",
          createdAt: new Date("2026-03-25T18:30:00Z"),
          updatedAt: new Date("2026-03-25T18:30:00Z"),
        },
      },
    });
  });

  it("message.created → a message in conversation 123 on webchat", () => {
    expect(parse(fixtureText("varda-message-created.json"))).toMatchObject({
      ok: true,
      command: {
        kind: "record_message",
        contact: janeDoe,
        message: {
          vardaId: 789,
          externalRef: "varda:conn-1:message:789",
          conversationExternalRef: "varda:conn-1:conversation:123",
          direction: "inbound",
          senderType: "contact",
          content: "Hi, I'd like to schedule a service appointment.",
          channel: "webchat",
          messageType: "text",
        },
      },
    });
  });

  it("call.ended → a call whose customer is the inbound caller", () => {
    expect(parse(fixtureText("varda-call-ended.json"))).toMatchObject({
      ok: true,
      command: {
        kind: "record_call",
        contact: { vardaId: 456, name: "Jane Doe", email: null, phone: "+18005559876" },
        attribution: { gclid: "CjwKCAjw...", device_type: "mobile" },
        call: {
          vardaId: 42,
          externalRef: "varda:conn-1:call:42",
          ended: true,
          direction: "inbound",
          customerPhone: "+18005559876",
          durationSeconds: 245,
          disposition: "completed",
          startedAt: new Date("2026-03-25T18:30:55Z"),
          endedAt: new Date("2026-03-25T18:35:00Z"),
        },
      },
    });
  });

  it("call.outcome_tagged booked → lead status booked, for the call it tags", () => {
    expect(parse(fixtureText("varda-call-outcome-tagged.json"))).toMatchObject({
      ok: true,
      command: {
        kind: "tag_call_outcome",
        outcome: {
          vardaId: 15,
          callExternalRef: "varda:conn-1:call:42",
          outcomeType: "booked",
          leadStatus: "booked",
          estimatedValueCents: 250000,
          revenueCents: 250000,
          notes: "Kitchen remodel - scheduled for April",
        },
      },
    });
  });
});

describe("parseVardaEvent on the other five events", () => {
  it.each([
    ["conversation.resolved", { kind: "record_conversation", conversation: { status: "resolved" } }],
    ["conversation.closed", { kind: "record_conversation", conversation: { status: "closed" } }],
    [
      "call.started",
      {
        kind: "record_call",
        call: { ended: false, endedAt: null, durationSeconds: null, customerPhone: "+18005559876" },
      },
    ],
    ["contact.created", { kind: "upsert_contact", contact: janeDoe, attribution: seedAttribution }],
    [
      "contact.updated",
      { kind: "upsert_contact", contact: { ...janeDoe, email: "jane.doe@example.com" }, attribution: null },
    ],
  ] as const)("%s", (event, expected) => {
    expect(parse(derived[event])).toMatchObject({ ok: true, command: { event, ...expected } });
  });

  it("an outbound call's customer is the number called", () => {
    expect(parse(with_(callEnded, {}, { direction: "outbound" }))).toMatchObject({
      ok: true,
      command: { call: { customerPhone: "+18005551234" } },
    });
  });
});

describe("parseVardaEvent rejections and keys", () => {
  it("ignores events Varda may add later, rejects what it cannot read", () => {
    expect(parse(JSON.stringify({ event: "invoice.paid", timestamp: "2026-03-25T18:30:00Z", data: {} }))).toMatchObject(
      { ok: true, command: { kind: "ignored", event: "invoice.paid" } },
    );
    expect(parse("not json")).toMatchObject({ ok: false, status: 400 });
  });

  it.each([
    [with_(outcomeTagged, {}, { id: "fifteen" }), "data.id: must be an integer id"],
    [with_(outcomeTagged, {}, { call_session_id: undefined }), "data.call_session_id: is required"],
    [
      with_(outcomeTagged, { timestamp: "25/03/2026" }),
      "timestamp: Invalid ISO datetime (expected e.g. 2026-03-20T14:00:00Z)",
    ],
    [with_(callEnded, {}, { duration_seconds: "245s" }), "data.duration_seconds: must be a number"],
    [with_(conversationCreated, {}, { contact: { name: "No id" } }), "data.contact.id: is required"],
    [JSON.stringify({ timestamp: "2026-03-25T18:30:00Z", data: {} }), "event: is required"],
  ])("answers %s with a 422 naming the field", (raw, message) => {
    expect(parse(raw)).toMatchObject({ ok: false, status: 422, code: "validation_failed", message });
  });

  it("keys an event by event + data.id + timestamp, so a retry with other formatting is the same", () => {
    const key = (raw: string) => {
      const r = parse(raw);
      return r.ok && r.command.kind !== "ignored" ? r.command.dedupeKey : null;
    };
    const original = key(fixtureText("varda-call-ended.json"));
    expect(key(JSON.stringify(callEnded))).toBe(original);
    expect(key(with_(callEnded, {}, { disposition: "abandoned" }))).toBe(original);
    expect(key(with_(callEnded, { timestamp: "2026-03-25T18:35:01Z" }))).not.toBe(original);
    expect(key(with_(callEnded, {}, { id: 43 }))).not.toBe(original);
    expect(key(derived["call.started"])).not.toBe(original);
  });
});

describe("Varda mappings", () => {
  it.each([
    ["booked", "booked"],
    ["quoted", "contacted"],
    ["follow_up", "contacted"],
    ["not_interested", "lost"],
    ["spam", "lost"],
    ["wrong_number", "lost"],
    ["no_answer", null],
    ["other", null],
    ["something_new", null],
  ])("outcome %s → lead status %s", (outcome, status) => {
    expect(vardaOutcomeLeadStatus(outcome)).toBe(status);
  });

  it.each([
    ["phone", "phone"],
    ["voice", "phone"],
    ["webchat", "webchat"],
    ["live_chat", "webchat"],
    ["WhatsApp", "whatsapp"],
    ["sms", "sms"],
    ["email", "email"],
    ["telegram", "telegram"],
    ["facebook", "webchat"],
    [null, "webchat"],
  ])("channel_type %s → %s", (channelType, channel) => {
    expect(vardaChannel(channelType)).toBe(channel);
  });
});
