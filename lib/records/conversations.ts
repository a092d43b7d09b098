import "server-only";
import type { Tx } from "@/lib/db/client";
import type { LeadChannel } from "@/lib/generated/prisma/enums";
import type { Emit } from "@/lib/webhooks/emit-event";

/** Marks a conversation escalated to a human and emits `conversation.escalated`. */
export async function escalateConversation(
  tx: Tx,
  emit: Emit,
  organizationId: string,
  input: { conversationId: string; leadId: string | null; channel: LeadChannel; reason: string },
) {
  const existing = await tx.conversation.findFirst({ where: { id: input.conversationId, organizationId } });
  const data = {
    status: "escalated",
    escalationReason: input.reason,
    escalatedAt: new Date(),
    leadId: input.leadId ?? existing?.leadId ?? null,
  };
  const conversation = existing
    ? await tx.conversation.update({ where: { id: existing.id }, data })
    : await tx.conversation.create({
        data: { id: input.conversationId, organizationId, channel: input.channel, ...data },
      });
  await emit(organizationId, "conversation.escalated", {
    conversation_id: conversation.id,
    lead_id: conversation.leadId,
    channel: conversation.channel,
    reason: input.reason,
  });
  return conversation;
}

/** The conversation with this external ref (or id), created open when new. */
export async function findOrCreateConversation(
  tx: Tx,
  organizationId: string,
  input: { id?: string | null; externalRef?: string | null; leadId: string | null; channel: LeadChannel },
) {
  const where = input.id
    ? { id: input.id, organizationId }
    : input.externalRef
      ? { externalRef: input.externalRef, organizationId }
      : null;
  const existing = where ? await tx.conversation.findFirst({ where }) : null;
  if (existing) return existing;
  return tx.conversation.create({
    data: {
      ...(input.id ? { id: input.id } : {}),
      organizationId,
      leadId: input.leadId,
      channel: input.channel,
      externalRef: input.externalRef ?? null,
    },
  });
}

/** A message in its conversation, which moves up the conversation list. */
export async function addMessage(
  tx: Tx,
  organizationId: string,
  input: {
    conversationId: string;
    leadId: string | null;
    channel: LeadChannel;
    direction: "inbound" | "outbound";
    content: string;
    externalRef?: string | null;
    createdAt?: Date | null;
  },
) {
  const message = await tx.message.create({
    data: {
      organizationId,
      conversationId: input.conversationId,
      leadId: input.leadId,
      channel: input.channel,
      direction: input.direction,
      content: input.content,
      externalRef: input.externalRef ?? null,
      createdAt: input.createdAt ?? undefined,
    },
  });
  await tx.conversation.update({ where: { id: input.conversationId }, data: { updatedAt: new Date() } });
  return message;
}
