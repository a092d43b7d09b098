import "server-only";
import type { Tx } from "@/lib/db/client";
import type { Emit } from "@/lib/webhooks/emit-event";
import type { LeadChannel, LeadStatus } from "@/lib/generated/prisma/enums";
import type { Prisma } from "@/lib/generated/prisma/client";

export type NewLead = {
  name: string;
  email?: string | null;
  phone?: string | null;
  channel: LeadChannel;
  attribution?: Prisma.InputJsonValue | null;
  externalRef?: string | null;
};

type LeadRow = {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  channel: LeadChannel;
  status: LeadStatus;
  createdAt: Date;
};

export function leadCreatedData(lead: LeadRow) {
  return {
    id: lead.id,
    name: lead.name,
    email: lead.email,
    phone: lead.phone,
    channel: lead.channel,
    status: lead.status,
    created_at: lead.createdAt.toISOString(),
  };
}

/** A new lead and its `lead.created` event, in the caller's transaction. */
export async function createLead(tx: Tx, emit: Emit, organizationId: string, input: NewLead) {
  const lead = await tx.lead.create({
    data: {
      organizationId,
      name: input.name,
      email: input.email?.toLowerCase() ?? null,
      phone: input.phone ?? null,
      channel: input.channel,
      attribution: input.attribution ?? undefined,
      externalRef: input.externalRef ?? null,
    },
  });
  await emit(organizationId, "lead.created", leadCreatedData(lead));
  return lead;
}

/** The lead with this external ref, else with this email or phone, in the organization; null when none. */
async function findLead(tx: Tx, organizationId: string, input: NewLead) {
  if (input.externalRef) {
    const byRef = await tx.lead.findFirst({ where: { organizationId, externalRef: input.externalRef } });
    if (byRef) return byRef;
  }
  const or = [
    ...(input.email ? [{ email: input.email.toLowerCase() }] : []),
    ...(input.phone ? [{ phone: input.phone }] : []),
  ];
  return or.length ? tx.lead.findFirst({ where: { organizationId, OR: or }, orderBy: { createdAt: "asc" } }) : null;
}

/** The lead with this external ref, email or phone in the organization, or a new one (with `lead.created`). */
export async function findOrCreateLead(tx: Tx, emit: Emit, organizationId: string, input: NewLead) {
  const existing = await findLead(tx, organizationId, input);
  if (existing) return { lead: existing, created: false };
  return { lead: await createLead(tx, emit, organizationId, input), created: true };
}

/**
 * findOrCreateLead, then the source's newer details on a lead it already had: name, email and
 * phone when given; its external ref and attribution only where the lead has none (the first
 * touch keeps the credit). A nameless contact's new lead is called `fallbackName`. There is no
 * outbound event for a lead's details changing.
 */
export async function upsertLead(
  tx: Tx,
  emit: Emit,
  organizationId: string,
  input: Omit<NewLead, "name"> & { name: string | null },
  fallbackName: string,
) {
  const found = await findOrCreateLead(tx, emit, organizationId, { ...input, name: input.name ?? fallbackName });
  if (found.created) return found;
  const { lead } = found;
  const updated = await tx.lead.update({
    where: { id: lead.id },
    data: {
      name: input.name ?? undefined,
      email: input.email?.toLowerCase() ?? undefined,
      phone: input.phone ?? undefined,
      externalRef: lead.externalRef ?? input.externalRef ?? undefined,
      attribution: lead.attribution === null ? (input.attribution ?? undefined) : undefined,
    },
  });
  return { lead: updated, created: false };
}

/** Moves a lead to a status; emits `lead.status_changed` only when the status really changes. */
export async function changeLeadStatus(tx: Tx, emit: Emit, organizationId: string, leadId: string, status: LeadStatus) {
  // Row lock: two concurrent changes each see the true previous status.
  const [current] = await tx.$queryRaw<{ status: LeadStatus }[]>`
    SELECT status FROM leads WHERE id = ${leadId}::uuid AND organization_id = ${organizationId}::uuid FOR UPDATE`;
  if (!current) return null;
  if (current.status === status) return { changed: false, previousStatus: current.status };
  await tx.lead.update({ where: { id: leadId }, data: { status } });
  await emit(organizationId, "lead.status_changed", { id: leadId, previous_status: current.status, status });
  return { changed: true, previousStatus: current.status };
}
