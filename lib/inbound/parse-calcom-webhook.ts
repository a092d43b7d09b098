import { isUuid } from "@/lib/ids";
import {
  calcomBookingWebhookSchema,
  calcomCancelledWebhookSchema,
  calcomEnvelopeSchema,
  isCalcomHandledTrigger,
  type CalcomCancelledPayload,
} from "./calcom-webhook-schema";
import { parseJsonBody, validate, type ParseResult } from "./parse-result";
import { sha256Hex } from "./sha256-hex";

export type CalcomAttendee = {
  name: string | null;
  email: string | null;
  phone: string | null;
  timeZone: string | null;
};

type CalcomBookingFacts = {
  triggerEvent: string;
  createdAt: string | null;
  /** Stable across Cal.com redeliveries of the same event. */
  dedupeKey: string;
  uid: string;
  calcomBookingId: number | null;
  /** From `metadata` (the agent sets them when it books); null when absent or not a UUID. */
  organizationId: string | null;
  leadId: string | null;
  /** The first attendee: the customer (the organizer is the business). */
  attendee: CalcomAttendee | null;
  status: string | null;
};

export type CalcomCommand =
  | (CalcomBookingFacts & { kind: "booking_created"; service: string; startTime: Date; endTime: Date | null })
  | (CalcomBookingFacts & {
      kind: "booking_rescheduled";
      service: string;
      startTime: Date;
      endTime: Date | null;
      previousUid: string | null;
      previousBookingId: number | null;
    })
  | (CalcomBookingFacts & { kind: "booking_cancelled"; cancellationReason: string | null })
  | { kind: "ignored"; triggerEvent: string; reason: string };

/** Cal.com's default title is "<event type> between <host> and <attendee>": the service is the first part. */
export function calcomServiceName(title: string | null, eventTitle: string | null): string {
  const fromTitle = title?.split(" between ")[0]?.trim();
  return fromTitle || eventTitle || "Appointment";
}

function uuidOrNull(value: unknown): string | null {
  return typeof value === "string" && isUuid(value) ? value : null;
}

function facts(
  triggerEvent: string,
  createdAt: string | null,
  p: CalcomCancelledPayload,
  rawBody: Uint8Array | string,
): CalcomBookingFacts {
  const first = p.attendees[0];
  return {
    triggerEvent,
    createdAt,
    // Without createdAt the body itself is the identity; Cal.com redelivers the same bytes.
    dedupeKey: `calcom:${createdAt ? sha256Hex(triggerEvent, "\n", p.uid, "\n", createdAt) : sha256Hex(rawBody)}`,
    uid: p.uid,
    calcomBookingId: p.bookingId,
    organizationId: uuidOrNull(p.metadata.organization_id),
    leadId: uuidOrNull(p.metadata.lead_id),
    attendee: first
      ? {
          name: first.name,
          email: first.email,
          phone: first.phoneNumber ?? p.smsReminderNumber,
          timeZone: first.timeZone,
        }
      : null,
    status: p.status,
  };
}

/** Raw body → a booking command, `ignored` for triggers we do not handle, or a 400/422 naming the field. */
export function parseCalcomWebhook(rawBody: Uint8Array | string): ParseResult<CalcomCommand> {
  const json = parseJsonBody(rawBody);
  if (!json.ok) return json;
  const envelope = validate(json.value, calcomEnvelopeSchema);
  if (!envelope.ok) return envelope;
  const { triggerEvent, createdAt } = envelope.value;
  if (!isCalcomHandledTrigger(triggerEvent)) {
    return {
      ok: true,
      command: {
        kind: "ignored",
        triggerEvent,
        reason: `Cal.com trigger ${triggerEvent} is not handled (only BOOKING_CREATED, BOOKING_CANCELLED, BOOKING_RESCHEDULED).`,
      },
    };
  }
  if (triggerEvent === "BOOKING_CANCELLED") {
    const hook = validate(json.value, calcomCancelledWebhookSchema);
    if (!hook.ok) return hook;
    return {
      ok: true,
      command: {
        kind: "booking_cancelled",
        ...facts(triggerEvent, createdAt, hook.value.payload, rawBody),
        cancellationReason: hook.value.payload.cancellationReason,
      },
    };
  }
  const hook = validate(json.value, calcomBookingWebhookSchema);
  if (!hook.ok) return hook;
  const p = hook.value.payload;
  const booking = {
    ...facts(triggerEvent, createdAt, p, rawBody),
    service: calcomServiceName(p.title, p.eventTitle),
    startTime: new Date(p.startTime),
    endTime: p.endTime ? new Date(p.endTime) : null,
  };
  if (triggerEvent === "BOOKING_CREATED") return { ok: true, command: { kind: "booking_created", ...booking } };
  // The moved booking gets a new uid; rescheduleUid (older versions: fromReschedule) names the old one.
  return {
    ok: true,
    command: {
      kind: "booking_rescheduled",
      ...booking,
      previousUid: p.rescheduleUid ?? p.fromReschedule,
      previousBookingId: p.rescheduleId,
    },
  };
}
