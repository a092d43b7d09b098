import { z } from "zod";
import { isoTime, leadChannel, leadStatus, optionalText } from "./inbound-schema-parts";

// POST /api/v1/webhooks/agent-event: the seed's five types. Absent optional fields become null,
// so an event with `email: null` and one without `email` are the same event (and dedupe alike).
const AGENT_EVENT_TYPES = ["new_lead", "status_update", "booking_request", "message_logged", "escalation"] as const;
const organizationId = z.uuid("must be a UUID");
const id = z.uuid("must be a UUID");

const newLead = z.object({
  type: z.literal("new_lead"),
  organization_id: organizationId,
  data: z.object({
    name: z.string().trim().min(1, "must not be empty").max(200),
    email: z
      .preprocess((v) => (v === "" ? null : v), z.email("must be an email address").max(320).nullish())
      .transform((v) => v ?? null),
    phone: optionalText(40),
    channel: leadChannel,
  }),
});

const statusUpdate = z.object({
  type: z.literal("status_update"),
  organization_id: organizationId,
  data: z.object({ lead_id: id, status: leadStatus }),
});

const bookingRequest = z.object({
  type: z.literal("booking_request"),
  organization_id: organizationId,
  data: z
    .object({
      lead_id: id,
      service: z.string().trim().min(1, "must not be empty").max(200),
      start_time: isoTime,
      end_time: isoTime.nullish().transform((v) => v ?? null),
      notes: optionalText(5000),
    })
    // Zod runs this even when start_time failed; that failure is already reported.
    .refine(
      (d) =>
        d.end_time === null ||
        Number.isNaN(Date.parse(d.start_time)) ||
        Date.parse(d.end_time) > Date.parse(d.start_time),
      { message: "must be after start_time", path: ["end_time"] },
    ),
});

const messageLogged = z.object({
  type: z.literal("message_logged"),
  organization_id: organizationId,
  data: z.object({
    lead_id: id,
    conversation_id: id.nullish().transform((v) => v ?? null),
    channel: leadChannel,
    direction: z.enum(["inbound", "outbound"], "must be inbound or outbound"),
    content: z.string().max(20_000),
  }),
});

const escalation = z.object({
  type: z.literal("escalation"),
  organization_id: organizationId,
  data: z.object({
    conversation_id: id,
    lead_id: id,
    channel: leadChannel,
    reason: z.string().trim().min(1, "must not be empty").max(2000),
  }),
});

export const agentEventSchema = z.discriminatedUnion(
  "type",
  [newLead, statusUpdate, bookingRequest, messageLogged, escalation],
  {
    error: (issue) =>
      issue.code === "invalid_union"
        ? `must be one of ${AGENT_EVENT_TYPES.join(", ")}`
        : "must be a JSON object with type, organization_id and data",
  },
);

/** A validated agent event: its own wire names (it is our contract), optional fields as null. */
export type AgentEvent = z.output<typeof agentEventSchema>;
