import { describe, expect, it } from "vitest";
import { readSeed } from "@/test/support/read-seed";
import {
  EVENT_CATALOGUE,
  EVENT_TYPES,
  eventJsonSchema,
  isEventType,
  OPERATIONAL_EVENT_TYPES,
  parseEventData,
  SUBSCRIBABLE_EVENT_TYPES,
  type EventType,
} from "./event-catalogue";

// The seed's examples are the contract: field names, types and nesting. Ids there are shortened
// ("660f9500-..."); they are completed to real UUIDs before parsing.
const seedText = readSeed("empfio-webhook-events.txt");
const seedExamples = new Map<string, Record<string, unknown>>(
  [...seedText.matchAll(/\{\n"event": "([\w.]+)",[^{}]*"data": \{([^{}]*)\n\}\n\}/g)].map((m) => [
    m[1],
    JSON.parse(`{${m[2].replace(/"([0-9a-f]{8})-\.\.\."/g, '"$1-e29b-41d4-a716-446655440000"')}}`),
  ]),
);
const SEED_TYPES = [
  "lead.created",
  "lead.status_changed",
  "booking.created",
  "booking.cancelled",
  "conversation.escalated",
] as const;
const OPERATIONAL = ["delivery.exhausted", "endpoint.failing", "endpoint.disabled", "endpoint.recovered"] as const;

describe("event catalogue", () => {
  it("declares the seed's five events, our booking.rescheduled, the operational events and the test ping, and nothing else", () => {
    expect([...seedExamples.keys()].sort()).toEqual([...SEED_TYPES].sort());
    expect(EVENT_TYPES.sort()).toEqual([...SEED_TYPES, "booking.rescheduled", ...OPERATIONAL, "webhook.test"].sort());
    expect(EVENT_TYPES.filter((t) => EVENT_CATALOGUE[t].addition).sort()).toEqual(
      ["booking.rescheduled", ...OPERATIONAL, "webhook.test"].sort(),
    );
    expect([...OPERATIONAL_EVENT_TYPES].sort()).toEqual([...OPERATIONAL].sort());
    expect(SUBSCRIBABLE_EVENT_TYPES).toEqual(expect.arrayContaining([...OPERATIONAL]));
    expect(SUBSCRIBABLE_EVENT_TYPES).not.toContain("webhook.test");
    expect(isEventType("lead.created")).toBe(true);
    expect(isEventType("lead.deleted")).toBe(false);
    expect(isEventType("toString")).toBe(false);
  });

  it.each(SEED_TYPES)("accepts the seed's %s example with exactly its field names, in its order", (type) => {
    const example = seedExamples.get(type)!;
    expect(Object.keys(EVENT_CATALOGUE[type].dataSchema.shape)).toEqual(Object.keys(example));
    expect(parseEventData(type, example)).toEqual(example);
  });

  it.each(EVENT_TYPES)("has a %s sample that passes its own schema, a description and an area", (type: EventType) => {
    const entry = EVENT_CATALOGUE[type];
    expect(parseEventData(type, entry.sample)).toEqual(entry.sample);
    expect(entry.description.length).toBeGreaterThan(10);
    expect(["Leads", "Bookings", "Conversations", "Webhook health", "Testing"]).toContain(entry.area);
  });

  it("keeps the seed's types: a numeric Cal.com id, ISO times, known statuses", () => {
    const booking = EVENT_CATALOGUE["booking.created"].sample;
    expect(() => parseEventData("booking.created", { ...booking, calcom_booking_id: "12345" })).toThrow();
    expect(() => parseEventData("booking.created", { ...booking, start_time: "20 March, 2pm" })).toThrow();
    expect(() =>
      parseEventData("lead.status_changed", { id: booking.lead_id, previous_status: "new", status: "archived" }),
    ).toThrow();
    expect(() => parseEventData("lead.created", { ...EVENT_CATALOGUE["lead.created"].sample, id: "lead-1" })).toThrow();
  });

  it("allows null only where a record can lack the value", () => {
    const lead = EVENT_CATALOGUE["lead.created"].sample;
    expect(parseEventData("lead.created", { ...lead, email: null, phone: null })).toMatchObject({
      email: null,
      phone: null,
    });
    expect(() => parseEventData("lead.created", { ...lead, name: null })).toThrow();
    const booking = EVENT_CATALOGUE["booking.created"].sample;
    expect(
      parseEventData("booking.created", { ...booking, lead_id: null, end_time: null, calcom_booking_id: null }),
    ).toBeTruthy();
    expect(() => parseEventData("booking.created", { ...booking, service: null })).toThrow();
    expect(() =>
      parseEventData("conversation.escalated", { ...EVENT_CATALOGUE["conversation.escalated"].sample, reason: null }),
    ).toThrow();
  });

  it("sends exactly the documented shape: unknown keys dropped, keys in the documented order", () => {
    const { service, calcom_booking_id, ...rest } = EVENT_CATALOGUE["booking.created"].sample;
    const data = parseEventData("booking.created", { calcom_booking_id, internal_note: "VIP", service, ...rest });
    expect(Object.keys(data)).toEqual(["id", "lead_id", "start_time", "end_time", "service", "calcom_booking_id"]);
    // A cancellation carries no service, as in the seed.
    expect(
      parseEventData("booking.cancelled", { ...EVENT_CATALOGUE["booking.cancelled"].sample, service: "Haircut" }),
    ).not.toHaveProperty("service");
  });

  it("adds the previous times to booking.rescheduled on top of booking.created's fields", () => {
    const keys = Object.keys(EVENT_CATALOGUE["booking.rescheduled"].dataSchema.shape);
    expect(keys).toEqual([
      ...Object.keys(EVENT_CATALOGUE["booking.created"].dataSchema.shape),
      "previous_start_time",
      "previous_end_time",
    ]);
  });

  it("publishes a JSON Schema per type that requires every field and tolerates fields we add later", () => {
    const schema = eventJsonSchema("booking.created") as {
      required: string[];
      properties: Record<string, unknown>;
      additionalProperties?: unknown;
    };
    expect(schema.required).toEqual(["id", "lead_id", "start_time", "end_time", "service", "calcom_booking_id"]);
    expect(schema.properties.calcom_booking_id).toMatchObject({ anyOf: [{ type: "integer" }, { type: "null" }] });
    expect(schema.properties.start_time).toMatchObject({ type: "string", format: "date-time" });
    expect(schema.additionalProperties).toBeUndefined();
    for (const type of EVENT_TYPES) expect(eventJsonSchema(type)).toMatchObject({ type: "object" });
  });
});
