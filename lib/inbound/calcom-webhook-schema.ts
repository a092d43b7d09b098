import { z } from "zod";
import { isoTime, numericId, optionalText } from "./inbound-schema-parts";

// Cal.com webhook bodies: `{ triggerEvent, createdAt, payload }`. Liberal where Cal.com varies
// between versions (extra fields pass, ids as numbers or strings), strict where we depend on
// a field: the uid always, the start time for a new or moved booking.
export const CALCOM_HANDLED_TRIGGERS = ["BOOKING_CREATED", "BOOKING_CANCELLED", "BOOKING_RESCHEDULED"] as const;
export type CalcomHandledTrigger = (typeof CALCOM_HANDLED_TRIGGERS)[number];

export function isCalcomHandledTrigger(trigger: string): trigger is CalcomHandledTrigger {
  return (CALCOM_HANDLED_TRIGGERS as readonly string[]).includes(trigger);
}

/** Just enough to route: unhandled triggers (PING, MEETING_ENDED, …) are not validated further. */
export const calcomEnvelopeSchema = z
  .object({
    triggerEvent: z.string("must be a string").min(1, "must not be empty"),
    createdAt: z
      .string()
      .nullish()
      .transform((v) => v ?? null),
  })
  .loose();

const attendee = z
  .object({
    name: optionalText(200),
    email: optionalText(320),
    timeZone: optionalText(100),
    phoneNumber: optionalText(40),
  })
  .loose();

const person = z.object({ name: optionalText(200), email: optionalText(320), timeZone: optionalText(100) }).loose();

const bookingPayload = z
  .object({
    uid: z.string("must be a string").trim().min(1, "must not be empty"),
    bookingId: numericId.nullish().transform((v) => v ?? null),
    title: optionalText(500),
    eventTitle: optionalText(500),
    startTime: isoTime,
    endTime: isoTime.nullish().transform((v) => v ?? null),
    attendees: z
      .array(attendee)
      .nullish()
      .transform((v) => v ?? []),
    organizer: person.nullish().transform((v) => v ?? null),
    metadata: z
      .record(z.string(), z.unknown())
      .nullish()
      .transform((v) => v ?? {}),
    status: optionalText(50),
    smsReminderNumber: optionalText(40),
    rescheduleUid: optionalText(200),
    rescheduleId: numericId.nullish().transform((v) => v ?? null),
    fromReschedule: optionalText(200),
    cancellationReason: optionalText(2000),
  })
  .loose();

/** A cancellation needs only the uid: our stored booking has the times. */
const cancelledPayload = bookingPayload.extend({ startTime: isoTime.nullish().transform((v) => v ?? null) });

export const calcomBookingWebhookSchema = calcomEnvelopeSchema.extend({ payload: bookingPayload });
export const calcomCancelledWebhookSchema = calcomEnvelopeSchema.extend({ payload: cancelledPayload });

export type CalcomCancelledPayload = z.output<typeof cancelledPayload>;
