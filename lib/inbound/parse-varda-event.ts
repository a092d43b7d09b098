import { z } from "zod";
import type { LeadChannel, LeadStatus } from "./inbound-schema-parts";
import { parseJsonBody, validate, type ParseResult } from "./parse-result";
import { sha256Hex } from "./sha256-hex";
import {
  VARDA_EVENTS,
  vardaEventSchema,
  type VardaContactPayload,
  type VardaEvent,
  type VardaEventName,
} from "./varda-event-schema";
import { vardaChannel, vardaOutcomeLeadStatus } from "./varda-mappings";

export type VardaContact = {
  vardaId: number;
  externalRef: string;
  name: string | null;
  email: string | null;
  phone: string | null;
};

type VardaFacts = {
  event: VardaEventName;
  occurredAt: Date;
  /** event + data.id + timestamp: the same for Varda's retries of one event. */
  dedupeKey: string;
  contact: VardaContact | null;
  attribution: Record<string, unknown> | null;
};

export type VardaCommand =
  | (VardaFacts & { kind: "upsert_contact"; contact: VardaContact })
  | (VardaFacts & {
      kind: "record_conversation";
      conversation: {
        vardaId: number;
        externalRef: string;
        status: "open" | "resolved" | "closed";
        priority: string | null;
        channel: LeadChannel;
        channelType: string | null;
        createdAt: Date | null;
        updatedAt: Date | null;
      };
    })
  | (VardaFacts & {
      kind: "record_message";
      message: {
        vardaId: number;
        externalRef: string;
        conversationExternalRef: string;
        direction: "inbound" | "outbound";
        senderType: string | null;
        senderName: string | null;
        content: string;
        messageType: string | null;
        channel: LeadChannel;
        channelType: string | null;
        createdAt: Date | null;
      };
    })
  | (VardaFacts & {
      kind: "record_call";
      call: {
        vardaId: number;
        externalRef: string;
        ended: boolean;
        direction: "inbound" | "outbound" | null;
        status: string | null;
        fromNumber: string | null;
        toNumber: string | null;
        customerPhone: string | null;
        durationSeconds: number | null;
        disposition: string | null;
        startedAt: Date | null;
        endedAt: Date | null;
      };
    })
  | (VardaFacts & {
      kind: "tag_call_outcome";
      outcome: {
        vardaId: number;
        callExternalRef: string;
        outcomeType: string;
        leadStatus: LeadStatus | null;
        estimatedValueCents: number | null;
        actualValueCents: number | null;
        revenueCents: number | null;
        notes: string | null;
      };
    })
  | { kind: "ignored"; event: string; reason: string };

/** External refs as stored on our records; the contact's matches the lead's `varda:<id>`. */
/**
 * Record references for one Varda account. Varda's ids are only unique within an account, and
 * an organization may connect several accounts, so each reference names the connection.
 */
export function vardaRefs(connectionId: string) {
  return {
    contact: (id: number) => `varda:${connectionId}:contact:${id}`,
    conversation: (id: number) => `varda:${connectionId}:conversation:${id}`,
    message: (id: number) => `varda:${connectionId}:message:${id}`,
    call: (id: number) => `varda:${connectionId}:call:${id}`,
  };
}
type VardaRefs = ReturnType<typeof vardaRefs>;

const date = (iso: string | null) => (iso ? new Date(iso) : null);

function toContact(vardaRef: VardaRefs, c: VardaContactPayload | null): VardaContact | null {
  return c && { vardaId: c.id, externalRef: vardaRef.contact(c.id), name: c.name, email: c.email, phone: c.phone };
}

function conversationStatus(event: VardaEventName, status: string | null): "open" | "resolved" | "closed" {
  if (event === "conversation.resolved") return "resolved";
  if (event === "conversation.closed") return "closed";
  return status === "resolved" || status === "closed" ? status : "open";
}

function toCommand(e: VardaEvent, vardaRef: VardaRefs): VardaCommand {
  const base = {
    event: e.event,
    occurredAt: new Date(e.timestamp),
    dedupeKey: `varda:${sha256Hex(e.event, "\n", String(e.data.id), "\n", e.timestamp)}`,
    attribution: e.data.attribution,
  };
  switch (e.event) {
    case "contact.created":
    case "contact.updated": {
      const d = e.data;
      return {
        ...base,
        kind: "upsert_contact",
        contact: { vardaId: d.id, externalRef: vardaRef.contact(d.id), name: d.name, email: d.email, phone: d.phone },
      };
    }
    case "conversation.created":
    case "conversation.resolved":
    case "conversation.closed": {
      const d = e.data;
      const conversation = {
        vardaId: d.id,
        externalRef: vardaRef.conversation(d.id),
        status: conversationStatus(e.event, d.status),
        priority: d.priority,
        channel: vardaChannel(d.channel_type),
        channelType: d.channel_type,
        createdAt: date(d.created_at),
        updatedAt: date(d.updated_at),
      };
      return { ...base, kind: "record_conversation", contact: toContact(vardaRef, d.contact), conversation };
    }
    case "message.created": {
      const d = e.data;
      const message = {
        vardaId: d.id,
        externalRef: vardaRef.message(d.id),
        conversationExternalRef: vardaRef.conversation(d.conversation_id),
        direction: d.direction,
        senderType: d.sender_type,
        senderName: d.sender_name,
        content: d.content,
        messageType: d.message_type,
        channel: vardaChannel(d.channel_type),
        channelType: d.channel_type,
        createdAt: date(d.created_at),
      };
      return { ...base, kind: "record_message", contact: toContact(vardaRef, d.contact), message };
    }
    case "call.started":
    case "call.ended": {
      const d = e.data;
      // The customer is the far end: the caller of an inbound call, the callee of an outbound one.
      const customerPhone = (d.direction === "outbound" ? d.to_number : d.from_number) ?? d.contact?.phone ?? null;
      const call = {
        vardaId: d.id,
        externalRef: vardaRef.call(d.id),
        ended: e.event === "call.ended",
        direction: d.direction,
        status: d.status,
        fromNumber: d.from_number,
        toNumber: d.to_number,
        customerPhone,
        durationSeconds: d.duration_seconds === null ? null : Math.round(d.duration_seconds),
        disposition: d.disposition,
        startedAt: date(d.started_at),
        endedAt: date(d.ended_at),
      };
      return { ...base, kind: "record_call", contact: toContact(vardaRef, d.contact), call };
    }
    case "call.outcome_tagged": {
      const d = e.data;
      const outcome = {
        vardaId: d.id,
        callExternalRef: vardaRef.call(d.call_session_id),
        outcomeType: d.outcome_type,
        leadStatus: vardaOutcomeLeadStatus(d.outcome_type),
        estimatedValueCents: d.estimated_value_cents,
        actualValueCents: d.actual_value_cents,
        revenueCents: d.revenue_cents,
        notes: d.notes,
      };
      return { ...base, kind: "tag_call_outcome", contact: toContact(vardaRef, d.contact), outcome };
    }
  }
}

const eventName = z.object({ event: z.string("must be a string").min(1, "must not be empty") }).loose();

/**
 * Raw body → a command per Varda event (references scoped to the connection it came through),
 * `ignored` for events Varda may add later, or a 400/422 naming the field.
 */
export function parseVardaEvent(rawBody: Uint8Array | string, connectionId: string): ParseResult<VardaCommand> {
  const json = parseJsonBody(rawBody);
  if (!json.ok) return json;
  const named = validate(json.value, eventName);
  if (!named.ok) return named;
  if (!(VARDA_EVENTS as readonly string[]).includes(named.value.event)) {
    return {
      ok: true,
      command: {
        kind: "ignored",
        event: named.value.event,
        reason: `Varda event ${named.value.event} is not handled.`,
      },
    };
  }
  const event = validate(json.value, vardaEventSchema);
  return event.ok ? { ok: true, command: toCommand(event.value, vardaRefs(connectionId)) } : event;
}
