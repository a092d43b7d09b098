import "server-only";
import type { Tx } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { upsertCall } from "@/lib/records/calls";
import { addMessage, findOrCreateConversation } from "@/lib/records/conversations";
import { changeLeadStatus, findOrCreateLead, upsertLead } from "@/lib/records/leads";
import type { Emit } from "@/lib/webhooks/emit-event";
import type { LeadChannel } from "./inbound-schema-parts";
import type { VardaCommand, VardaContact } from "./parse-varda-event";
import { VARDA_DEFAULT_CHANNEL } from "./varda-mappings";

type Command = Exclude<VardaCommand, { kind: "ignored" }>;
type Effects = Record<string, string>;

/** The ids a Varda event touched, for the reply and the inbound log (nulls left out). */
function effects(ids: Record<string, string | null | undefined>): Effects {
  return Object.fromEntries(
    Object.entries(ids).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
  );
}

/**
 * The change one Varda event makes, in the caller's transaction: contacts become (or update)
 * leads with their attribution, conversations, messages and calls are recorded against them,
 * a call from an unknown number makes a phone lead, and a tagged outcome moves the lead's status.
 */
export async function applyVardaCommand(
  tx: Tx,
  emit: Emit,
  organizationId: string,
  command: Command,
): Promise<Effects> {
  const attribution = command.attribution as Prisma.InputJsonValue | null;
  const leadFor = async (contact: VardaContact | null, channel: LeadChannel) => {
    if (!contact) return null;
    const fallbackName = contact.email ?? contact.phone ?? `Varda contact ${contact.vardaId}`;
    const input = {
      name: contact.name,
      email: contact.email,
      phone: contact.phone,
      channel,
      attribution,
      externalRef: contact.externalRef,
    };
    return (await upsertLead(tx, emit, organizationId, input, fallbackName)).lead;
  };

  switch (command.kind) {
    case "upsert_contact": {
      const c = command.contact;
      const lead = await leadFor(c, c.phone ? "phone" : c.email ? "email" : VARDA_DEFAULT_CHANNEL);
      return effects({ lead_id: lead?.id });
    }
    case "record_conversation": {
      const c = command.conversation;
      const lead = await leadFor(command.contact, c.channel);
      const found = await findOrCreateConversation(tx, organizationId, {
        externalRef: c.externalRef,
        leadId: lead?.id ?? null,
        channel: c.channel,
      });
      const conversation = await tx.conversation.update({
        where: { id: found.id },
        data: { status: c.status, leadId: found.leadId ?? lead?.id ?? null },
      });
      return effects({ conversation_id: conversation.id, lead_id: conversation.leadId });
    }
    case "record_message": {
      const m = command.message;
      const lead = await leadFor(command.contact, m.channel);
      const conversation = await findOrCreateConversation(tx, organizationId, {
        externalRef: m.conversationExternalRef,
        leadId: lead?.id ?? null,
        channel: m.channel,
      });
      const leadId = lead?.id ?? conversation.leadId;
      const message =
        (await tx.message.findFirst({ where: { organizationId, externalRef: m.externalRef } })) ??
        (await addMessage(tx, organizationId, {
          conversationId: conversation.id,
          leadId,
          channel: m.channel,
          direction: m.direction,
          content: m.content,
          externalRef: m.externalRef,
          createdAt: m.createdAt,
        }));
      return effects({ message_id: message.id, conversation_id: conversation.id, lead_id: leadId });
    }
    case "record_call": {
      const c = command.call;
      // The contact when Varda names one; otherwise the number: an unknown caller becomes a phone lead.
      const lead =
        (await leadFor(command.contact, "phone")) ??
        (c.customerPhone
          ? (
              await findOrCreateLead(tx, emit, organizationId, {
                name: c.customerPhone,
                phone: c.customerPhone,
                channel: "phone",
                attribution,
              })
            ).lead
          : null);
      const call = await upsertCall(tx, organizationId, "varda", c.externalRef, {
        leadId: lead?.id,
        direction: c.direction,
        status: c.status,
        fromNumber: c.fromNumber,
        toNumber: c.toNumber,
        durationSeconds: c.durationSeconds,
        disposition: c.disposition,
        attribution,
        startedAt: c.startedAt,
        endedAt: c.endedAt,
      });
      return effects({ call_id: call.id, lead_id: call.leadId });
    }
    case "tag_call_outcome": {
      const o = command.outcome;
      const known = await tx.call.findFirst({ where: { organizationId, externalRef: o.callExternalRef } });
      const leadId = known?.leadId ?? (await leadFor(command.contact, "phone"))?.id ?? null;
      const call = await upsertCall(tx, organizationId, "varda", o.callExternalRef, {
        leadId,
        outcome: o.outcomeType,
        attribution: known ? null : attribution,
      });
      // booked → booked; quoted, follow_up → contacted; not_interested, spam, wrong_number → lost; others leave it.
      const change =
        leadId && o.leadStatus ? await changeLeadStatus(tx, emit, organizationId, leadId, o.leadStatus) : null;
      return effects({
        call_id: call.id,
        lead_id: leadId,
        previous_status: change?.changed ? change.previousStatus : null,
        lead_status: change ? o.leadStatus : null,
      });
    }
  }
}
