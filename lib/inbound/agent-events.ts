import "server-only";
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { createBooking } from "@/lib/records/bookings";
import { addMessage, escalateConversation, findOrCreateConversation } from "@/lib/records/conversations";
import { changeLeadStatus } from "@/lib/records/leads";
import type { Emit } from "@/lib/webhooks/emit-event";
import type { AgentEvent } from "./agent-event-schema";

// POST /api/v1/webhooks/agent-event: the change each of the seed's five agent event types makes.
/**
 * Makes the event's change (and its outbound events) in the caller's transaction; returns what
 * it created. `new_lead` takes one statement instead (create-lead-once.ts).
 */
export async function applyAgentEvent(
  tx: Tx,
  emit: Emit,
  event: Exclude<AgentEvent, { type: "new_lead" }>,
): Promise<Record<string, string>> {
  const org = event.organization_id;
  const requireLead = async (leadId: string) => {
    const lead = await tx.lead.findFirst({ where: { id: leadId, organizationId: org } });
    if (!lead) throw new AppError("not_found", `Lead ${leadId} not found in this organization`);
    return lead;
  };
  switch (event.type) {
    case "status_update": {
      await requireLead(event.data.lead_id);
      const result = await changeLeadStatus(tx, emit, org, event.data.lead_id, event.data.status);
      return { lead_id: event.data.lead_id, previous_status: result!.previousStatus };
    }
    case "booking_request": {
      await requireLead(event.data.lead_id);
      const booking = await createBooking(tx, emit, org, {
        leadId: event.data.lead_id,
        service: event.data.service,
        startTime: new Date(event.data.start_time),
        endTime: event.data.end_time ? new Date(event.data.end_time) : null,
        notes: event.data.notes ?? null,
        source: "agent",
        status: "requested",
      });
      return { booking_id: booking.id };
    }
    case "message_logged": {
      const lead = await requireLead(event.data.lead_id);
      const conversation = await findOrCreateConversation(tx, org, {
        id: event.data.conversation_id,
        leadId: lead.id,
        channel: event.data.channel,
      });
      const message = await addMessage(tx, org, {
        conversationId: conversation.id,
        leadId: lead.id,
        channel: event.data.channel,
        direction: event.data.direction,
        content: event.data.content,
      });
      return { message_id: message.id, conversation_id: conversation.id };
    }
    case "escalation": {
      await requireLead(event.data.lead_id);
      const conversation = await escalateConversation(tx, emit, org, {
        conversationId: event.data.conversation_id,
        leadId: event.data.lead_id,
        channel: event.data.channel,
        reason: event.data.reason,
      });
      return { conversation_id: conversation.id };
    }
  }
}
