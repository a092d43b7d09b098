import { z } from "zod";

// The one registry of outbound event types: the seed's five (field names, types and nesting as
// in empfio-webhook-events.txt), booking.rescheduled (our addition) and the test ping. The
// picker, docs, OpenAPI, GET /event-types and the contract tests all read from here.

const isoTime = z.iso.datetime({ offset: true });
const uuid = z.uuid();
const leadStatus = z.enum(["new", "contacted", "qualified", "booked", "lost"]);
const channel = z.enum(["whatsapp", "telegram", "phone", "webchat", "email", "sms"]);

const bookingData = z.object({
  id: uuid,
  lead_id: uuid.nullable(),
  start_time: isoTime,
  end_time: isoTime.nullable(),
  service: z.string(),
  // Cal.com's numeric id; null for bookings that came from elsewhere (Brevo, the dashboard).
  calcom_booking_id: z.number().int().nullable(),
});

export type EventArea = "Leads" | "Bookings" | "Conversations" | "Testing";

type Entry<S extends z.ZodType> = { description: string; area: EventArea; addition: boolean; dataSchema: S; sample: z.output<S> };

function entry<S extends z.ZodType>(e: Entry<S>): Entry<S> {
  return e;
}

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
      email: z.string().nullable(),
      phone: z.string().nullable(),
      channel,
      status: leadStatus,
      created_at: isoTime,
    }),
    sample: { id: LEAD, name: "Jane Smith", email: "jane@example.com", phone: "+49123456789", channel: "whatsapp", status: "new", created_at: "2026-03-07T10:00:00Z" },
  }),
  "lead.status_changed": entry({
    description: "A lead's status changed (e.g. from new to contacted to booked).",
    area: "Leads",
    addition: false,
    dataSchema: z.object({ id: uuid, previous_status: leadStatus, status: leadStatus }),
    sample: { id: LEAD, previous_status: "new", status: "booked" },
  }),
  "booking.created": entry({
    description: "An appointment was confirmed (via Cal.com or Brevo).",
    area: "Bookings",
    addition: false,
    dataSchema: bookingData,
    sample: { id: BOOKING, lead_id: LEAD, start_time: "2026-03-20T14:00:00Z", end_time: "2026-03-20T14:30:00Z", service: "Haircut", calcom_booking_id: 12345 },
  }),
  "booking.cancelled": entry({
    description: "A booking was cancelled, from the Empfio dashboard or via a Cal.com webhook.",
    area: "Bookings",
    addition: false,
    dataSchema: z.object({ id: uuid, lead_id: uuid.nullable(), start_time: isoTime, end_time: isoTime.nullable(), cancelled_at: isoTime }),
    sample: { id: BOOKING, lead_id: LEAD, start_time: "2026-03-20T14:00:00Z", end_time: "2026-03-20T14:30:00Z", cancelled_at: "2026-03-08T09:00:00Z" },
  }),
  "booking.rescheduled": entry({
    description: "A booking moved to a different time (our addition to the documented events).",
    area: "Bookings",
    addition: true,
    dataSchema: bookingData.extend({ previous_start_time: isoTime, previous_end_time: isoTime.nullable() }),
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
    dataSchema: z.object({ conversation_id: uuid, lead_id: uuid.nullable(), channel, reason: z.string() }),
    sample: { conversation_id: "880b0500-e29b-41d4-a716-446655440003", lead_id: LEAD, channel: "telegram", reason: "Customer explicitly requested a human" },
  }),
  "webhook.test": entry({
    description: "A test ping, sent when an endpoint is saved and on “Send test ping”.",
    area: "Testing",
    addition: true,
    dataSchema: z.object({ message: z.string(), endpoint_id: uuid }),
    sample: { message: "This is a test ping from Empfio. Reply with any 2xx to confirm your endpoint works.", endpoint_id: "990c0600-e29b-41d4-a716-446655440004" },
  }),
} as const;

export type EventType = keyof typeof EVENT_CATALOGUE;
export type EventData<T extends EventType> = z.output<(typeof EVENT_CATALOGUE)[T]["dataSchema"]>;

export const EVENT_TYPES = Object.keys(EVENT_CATALOGUE) as EventType[];
/** What an owner can subscribe an endpoint to (test pings go to one endpoint regardless). */
export const SUBSCRIBABLE_EVENT_TYPES = EVENT_TYPES.filter((t) => t !== "webhook.test");

export function isEventType(value: string): value is EventType {
  return Object.hasOwn(EVENT_CATALOGUE, value);
}

/** Validates `data` against its type's schema; throws on a mismatch, which is a bug in the caller. */
export function parseEventData<T extends EventType>(type: T, data: unknown): EventData<T> {
  return EVENT_CATALOGUE[type].dataSchema.parse(data) as EventData<T>;
}

export function eventJsonSchema(type: EventType) {
  return z.toJSONSchema(EVENT_CATALOGUE[type].dataSchema);
}
