import { z } from "zod";
import { durationSeconds, isoTime, numericId, optionalText } from "./inbound-schema-parts";

// Varda deliveries: `{ event, timestamp, data }`, shapes as in varda-webhook-events.txt.
// Extra fields pass; ids are integers (numeric strings accepted).
export const VARDA_EVENTS = [
  "conversation.created",
  "conversation.resolved",
  "conversation.closed",
  "message.created",
  "call.started",
  "call.ended",
  "call.outcome_tagged",
  "contact.created",
  "contact.updated",
] as const;
export type VardaEventName = (typeof VARDA_EVENTS)[number];

const nullable = <T extends z.ZodType>(schema: T) => schema.nullish().transform((v) => v ?? null);
const time = nullable(isoTime);
const cents = nullable(z.number().int("must be an integer number of cents"));

const contactFields = { id: numericId, name: optionalText(200), email: optionalText(320), phone: optionalText(40) };
export const vardaContactSchema = z.object(contactFields).loose();
const contact = nullable(vardaContactSchema);
/** Kept as given (source, medium, campaign, gclid, …): it is stored as the lead's attribution. */
const attribution = nullable(z.record(z.string(), z.unknown()));

const conversation = z
  .object({
    id: numericId,
    status: optionalText(50),
    priority: optionalText(50),
    channel_id: nullable(numericId),
    channel_type: optionalText(50),
    contact,
    attribution,
    created_at: time,
    updated_at: time,
  })
  .loose();

const message = z
  .object({
    id: numericId,
    conversation_id: numericId,
    direction: z.enum(["inbound", "outbound"], "must be inbound or outbound"),
    sender_type: optionalText(50),
    sender_name: optionalText(200),
    content: z
      .string("must be a string")
      .max(100_000)
      .nullish()
      .transform((v) => v ?? ""),
    message_type: optionalText(50),
    channel_type: optionalText(50),
    contact,
    attribution,
    created_at: time,
  })
  .loose();

const call = z
  .object({
    id: numericId,
    direction: nullable(z.enum(["inbound", "outbound"], "must be inbound or outbound")),
    status: optionalText(50),
    from_number: optionalText(40),
    to_number: optionalText(40),
    duration_seconds: nullable(durationSeconds),
    disposition: optionalText(100),
    contact,
    attribution,
    started_at: time,
    ended_at: time,
  })
  .loose();

const outcome = z
  .object({
    id: numericId,
    call_session_id: numericId,
    outcome_type: z.string("must be a string").trim().min(1, "must not be empty").max(50),
    estimated_value_cents: cents,
    actual_value_cents: cents,
    revenue_cents: cents,
    notes: optionalText(5000),
    contact,
    attribution,
  })
  .loose();

const contactEvent = z.object({ ...contactFields, attribution, created_at: time, updated_at: time }).loose();

const envelope = <E extends VardaEventName, D extends z.ZodType>(event: E, data: D) =>
  z.object({ event: z.literal(event), timestamp: isoTime, data });

export const vardaEventSchema = z.discriminatedUnion(
  "event",
  [
    envelope("conversation.created", conversation),
    envelope("conversation.resolved", conversation),
    envelope("conversation.closed", conversation),
    envelope("message.created", message),
    envelope("call.started", call),
    envelope("call.ended", call),
    envelope("call.outcome_tagged", outcome),
    envelope("contact.created", contactEvent),
    envelope("contact.updated", contactEvent),
  ],
  {
    error: (issue) =>
      issue.code === "invalid_union"
        ? `must be one of ${VARDA_EVENTS.join(", ")}`
        : "must be a JSON object with event, timestamp and data",
  },
);

export type VardaEvent = z.output<typeof vardaEventSchema>;
export type VardaContactPayload = z.output<typeof vardaContactSchema>;
