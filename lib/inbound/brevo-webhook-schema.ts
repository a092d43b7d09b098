import { z } from "zod";
import { durationSeconds, isoTime, optionalText } from "./inbound-schema-parts";

// Brevo meetings and phone webhooks, with the seed's attribute names. One URL per kind.
export const BREVO_KINDS = ["meeting-booked", "meeting-started", "meeting-cancelled", "call-finished"] as const;
export type BrevoKind = (typeof BREVO_KINDS)[number];
export type BrevoMeetingKind = Exclude<BrevoKind, "call-finished">;

export function isBrevoKind(segment: string): segment is BrevoKind {
  return (BREVO_KINDS as readonly string[]).includes(segment);
}

const nullable = <T extends z.ZodType>(schema: T) => schema.nullish().transform((v) => v ?? null);

const participant = z
  .object({ EMAIL: optionalText(320), FIRSTNAME: optionalText(200), LASTNAME: optionalText(200) })
  .loose();

/** The start time is strict: Brevo sends no meeting id, so booked/started/cancelled are matched by it. */
export const brevoMeetingSchema = z
  .object({
    account_email: optionalText(320),
    currency: optionalText(10),
    event_participants: nullable(z.array(participant)).transform((v) => v ?? []),
    meeting_address: optionalText(1000),
    meeting_end_timestamp: nullable(isoTime),
    meeting_location: optionalText(1000),
    meeting_name: optionalText(500),
    meeting_notes: optionalText(10_000),
    meeting_start_timestamp: isoTime,
    price: nullable(z.number("must be a number")),
    questions_and_answers: nullable(
      z.array(z.object({ question: optionalText(2000), answer: optionalText(10_000) }).loose()),
    ).transform((v) => v ?? []),
  })
  .loose();

/** The seed's values; `failed/cancelled` is also accepted as either word alone. */
export const BREVO_CALL_TYPES = [
  "answered",
  "failed/cancelled",
  "missed",
  "missed voicemail",
  "connected",
  "not connected",
] as const;
export type BrevoCallType = (typeof BREVO_CALL_TYPES)[number];

const callType = z
  .string("must be a string")
  .transform((v) => v.trim().toLowerCase().replace(/_/g, " "))
  .transform((v) => (v === "failed" || v === "cancelled" ? "failed/cancelled" : v))
  .pipe(z.enum(BREVO_CALL_TYPES, `must be one of ${BREVO_CALL_TYPES.join(", ")}`));

export const brevoCallSchema = z
  .object({
    account_name: nullable(z.object({ family_name: optionalText(200), given_name: optionalText(200) }).loose()),
    duration_seconds: nullable(durationSeconds),
    is_forwarded: nullable(z.boolean("must be true or false")),
    phone_line: optionalText(40),
    phone_line_name: optionalText(200),
    phone_number: z.string("must be a string").trim().min(1, "must not be empty").max(40),
    recording: nullable(z.boolean("must be true or false")),
    type: callType,
  })
  .loose();
