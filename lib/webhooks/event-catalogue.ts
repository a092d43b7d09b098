import { z } from "zod";

// The one registry of outbound event types: the seed's five (field names, types and nesting as
// in empfio-webhook-events.txt), booking.rescheduled, the test ping and the operational events
// about endpoint health (our additions, raised by lib/alerts/). The
// picker, docs, OpenAPI, GET /event-types and the contract tests all read from here.
//
// Nullability follows what our records can hold, so an emitter never has to invent a value:
// a lead may have no email or phone (a caller leaves only a number, a WhatsApp contact no
// email); a booking made directly in Cal.com may match no lead, may have no end time, and
// bookings from Brevo or the dashboard have no Cal.com id. Everything the seed shows as a
// plain value that we always know (ids, statuses, start times, reasons) is required.

const isoTime = z.iso.datetime({ offset: true });
const uuid = z.uuid();
const leadStatus = z.enum(["new", "contacted", "qualified", "booked", "lost"]);
const channel = z.enum(["whatsapp", "telegram", "phone", "webchat", "email", "sms"]);
const leadId = uuid.nullable().describe("The lead this belongs to; null when no lead matched.");
const endTime = isoTime.nullable().describe("Null when the calendar gave no end time.");

const bookingData = z.object({
  id: uuid,
  lead_id: leadId,
  start_time: isoTime,
  end_time: endTime,
  service: z.string(),
  calcom_booking_id: z
    .number()
    .int()
    .nullable()
    .describe("Cal.com's numeric booking id; null for bookings made outside Cal.com."),
});

export const EVENT_AREAS = ["Leads", "Bookings", "Conversations", "Webhook health", "Testing"] as const;
export type EventArea = (typeof EVENT_AREAS)[number];

type Entry<S extends z.ZodObject> = {
  description: string;
  area: EventArea;
  /** Not in the seed's documented list: ours. */
  addition: boolean;
  dataSchema: S;
  sample: z.output<S>;
};

// Checks each sample against its own schema at compile time.
function entry<S extends z.ZodObject>(e: Entry<S>): Entry<S> {
  return e;
}

const ENDPOINT = "990c0600-e29b-41d4-a716-446655440004";
const endpointData = {
  endpoint_id: uuid.describe("The endpoint this is about."),
  endpoint_url: z.string().describe("Its URL."),
};
const endpointSample = { endpoint_id: ENDPOINT, endpoint_url: "https://hooks.zapier.com/hooks/catch/123/abc/" };

const LEAD = "660f9500-e29b-41d4-a716-446655440001";
const BOOKING = "770a9400-e29b-41d4-a716-446655440002";

export const EVENT_CATALOGUE = {
  "lead.created": entry({
    description: "A new lead was captured from any channel.",
    area: "Leads",
    addition: false,
    dataSchema: z.object({
      id: uuid,
      name: z.string(),
      email: z.string().nullable().describe("Null when the lead gave no email address."),
      phone: z.string().nullable().describe("E.164 when known; null when the lead gave no number."),
      channel,
      status: leadStatus,
      created_at: isoTime,
    }),
    sample: {
      id: LEAD,
      name: "Jane Smith",
      email: "jane@example.com",
      phone: "+49123456789",
      channel: "whatsapp",
      status: "new",
      created_at: "2026-03-07T10:00:00Z",
    },
  }),
  "lead.status_changed": entry({
    description: "A lead's status changed (e.g. from new to contacted to booked).",
    area: "Leads",
    addition: false,
    dataSchema: z.object({ id: uuid, previous_status: leadStatus, status: leadStatus }),
    sample: { id: LEAD, previous_status: "new", status: "booked" },
  }),
  "booking.created": entry({
    description: "An appointment was confirmed (via Cal.com, Brevo or the dashboard).",
    area: "Bookings",
    addition: false,
    dataSchema: bookingData,
    sample: {
      id: BOOKING,
      lead_id: LEAD,
      start_time: "2026-03-20T14:00:00Z",
      end_time: "2026-03-20T14:30:00Z",
      service: "Haircut",
      calcom_booking_id: 12345,
    },
  }),
  "booking.cancelled": entry({
    description: "A booking was cancelled, from the Empfio dashboard or via a Cal.com webhook.",
    area: "Bookings",
    addition: false,
    // As in the seed: no service and no Cal.com id on a cancellation.
    dataSchema: z.object({ id: uuid, lead_id: leadId, start_time: isoTime, end_time: endTime, cancelled_at: isoTime }),
    sample: {
      id: BOOKING,
      lead_id: LEAD,
      start_time: "2026-03-20T14:00:00Z",
      end_time: "2026-03-20T14:30:00Z",
      cancelled_at: "2026-03-08T09:00:00Z",
    },
  }),
  "booking.rescheduled": entry({
    description: "A booking moved to a different time (our addition to the documented events).",
    area: "Bookings",
    addition: true,
    dataSchema: bookingData.extend({ previous_start_time: isoTime, previous_end_time: endTime }),
    sample: {
      id: BOOKING,
      lead_id: LEAD,
      start_time: "2026-03-21T15:00:00Z",
      end_time: "2026-03-21T15:30:00Z",
      service: "Haircut",
      calcom_booking_id: 12345,
      previous_start_time: "2026-03-20T14:00:00Z",
      previous_end_time: "2026-03-20T14:30:00Z",
    },
  }),
  "conversation.escalated": entry({
    description: "The AI agent escalated a conversation to a human team member.",
    area: "Conversations",
    addition: false,
    dataSchema: z.object({ conversation_id: uuid, lead_id: leadId, channel, reason: z.string() }),
    sample: {
      conversation_id: "880b0500-e29b-41d4-a716-446655440003",
      lead_id: LEAD,
      channel: "telegram",
      reason: "Customer explicitly requested a human",
    },
  }),
  "delivery.exhausted": entry({
    description:
      "A delivery failed for good (its retries used up) where the endpoint's deliveries had been succeeding: the first of a failing spell, not every one.",
    area: "Webhook health",
    addition: true,
    dataSchema: z.object({
      ...endpointData,
      delivery_id: uuid,
      event_id: uuid.describe("The webhook-id of the event that was not delivered."),
      event_type: z.string(),
      attempts: z.number().int(),
      last_status_code: z.number().int().nullable().describe("Null when the endpoint gave no HTTP answer."),
      last_error: z.string().nullable(),
    }),
    sample: {
      ...endpointSample,
      delivery_id: "aa0d0700-e29b-41d4-a716-446655440005",
      event_id: "bb0e0800-e29b-41d4-a716-446655440006",
      event_type: "lead.created",
      attempts: 4,
      last_status_code: 500,
      last_error: "HTTP 500",
    },
  }),
  "endpoint.failing": entry({
    description:
      "An endpoint's deliveries keep failing: it reached 50 % or 90 % of the consecutive failed deliveries after which it is disabled.",
    area: "Webhook health",
    addition: true,
    dataSchema: z.object({
      ...endpointData,
      threshold_percent: z.union([z.literal(50), z.literal(90)]),
      consecutive_failures: z.number().int(),
      auto_disable_after: z.number().int(),
    }),
    sample: { ...endpointSample, threshold_percent: 50, consecutive_failures: 10, auto_disable_after: 20 },
  }),
  "endpoint.disabled": entry({
    description:
      "An endpoint was disabled: it answered 410 Gone, too many deliveries in a row failed, or an owner or admin turned it off.",
    area: "Webhook health",
    addition: true,
    dataSchema: z.object({
      ...endpointData,
      reason: z.enum(["gone", "consecutive_failures", "manual"]),
      message: z.string().describe("The reason in words, as the dashboard shows it."),
      disabled_at: isoTime,
    }),
    sample: {
      ...endpointSample,
      reason: "gone",
      message: "The endpoint answered 410 Gone, which means it no longer accepts webhooks.",
      disabled_at: "2026-03-08T09:00:00Z",
    },
  }),
  "endpoint.recovered": entry({
    description:
      "An endpoint that was failing or disabled is healthy again: a delivery succeeded, or it was enabled again.",
    area: "Webhook health",
    addition: true,
    dataSchema: z.object({
      ...endpointData,
      reason: z.enum(["delivery_succeeded", "enabled"]),
      recovered_at: isoTime,
    }),
    sample: { ...endpointSample, reason: "delivery_succeeded", recovered_at: "2026-03-08T10:00:00Z" },
  }),
  "webhook.test": entry({
    description: "A test ping, sent when an endpoint is saved and on “Send test ping”.",
    area: "Testing",
    addition: true,
    dataSchema: z.object({ message: z.string(), endpoint_id: uuid }),
    sample: {
      message: "This is a test ping from Empfio. Reply with any 2xx to confirm your endpoint works.",
      endpoint_id: ENDPOINT,
    },
  }),
} as const;

export type EventType = keyof typeof EVENT_CATALOGUE;
/** `data` of each event type, e.g. `EventDataMap["booking.created"]["calcom_booking_id"]`. */
export type EventDataMap = { [T in EventType]: z.output<(typeof EVENT_CATALOGUE)[T]["dataSchema"]> };
export type EventData<T extends EventType> = EventDataMap[T];

export const EVENT_TYPES = Object.keys(EVENT_CATALOGUE) as EventType[];
/** What an owner can subscribe an endpoint to (test pings go to one endpoint regardless). */
export const SUBSCRIBABLE_EVENT_TYPES = EVENT_TYPES.filter((t) => t !== "webhook.test");

/**
 * Events about endpoint health (lib/alerts/). None is ever emitted about a delivery of one of
 * these, so an endpoint subscribed to them cannot feed itself while it fails.
 */
export const OPERATIONAL_EVENT_TYPES: readonly EventType[] = EVENT_TYPES.filter(
  (t) => EVENT_CATALOGUE[t].area === "Webhook health",
);

export function isEventType(value: string): value is EventType {
  return Object.hasOwn(EVENT_CATALOGUE, value);
}

/**
 * Validates `data` against its type's schema and returns it in the schema's key order, without
 * unknown keys, so what we sign is exactly the documented shape. Throws a ZodError on a mismatch.
 */
export function parseEventData<T extends EventType>(type: T, data: unknown): EventData<T> {
  return EVENT_CATALOGUE[type].dataSchema.parse(data) as EventData<T>;
}

/**
 * JSON Schema of a type's `data`, as GET /event-types serves it. Generated in "input" mode so it
 * does not forbid additional properties: receivers should accept fields we add later.
 */
export function eventJsonSchema(type: EventType) {
  return z.toJSONSchema(EVENT_CATALOGUE[type].dataSchema, { io: "input" });
}
