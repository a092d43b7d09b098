import "server-only";
import type { Tx } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";

export type CallDetails = {
  leadId?: string | null;
  direction?: "inbound" | "outbound" | null;
  status?: string | null;
  fromNumber?: string | null;
  toNumber?: string | null;
  durationSeconds?: number | null;
  disposition?: string | null;
  outcome?: string | null;
  attribution?: Prisma.InputJsonValue | null;
  startedAt?: Date | null;
  endedAt?: Date | null;
};

/** The details that are known: an event that does not mention a field keeps what an earlier one said. */
function known(details: CallDetails) {
  return Object.fromEntries(
    Object.entries(details).filter(([, value]) => value !== null && value !== undefined),
  ) as Prisma.CallUncheckedUpdateInput;
}

/**
 * A call record from Varda or Brevo. With an external ref the same call is updated by later
 * events (started → ended → outcome tagged, in whatever order they arrive); without one (Brevo
 * sends no call id) every report is a new call.
 */
export async function upsertCall(
  tx: Tx,
  organizationId: string,
  source: "varda" | "brevo",
  externalRef: string | null,
  details: CallDetails,
) {
  const existing = externalRef ? await tx.call.findFirst({ where: { organizationId, externalRef } }) : null;
  if (existing) return tx.call.update({ where: { id: existing.id }, data: known(details) });
  return tx.call.create({
    data: { ...(known(details) as Prisma.CallUncheckedCreateInput), organizationId, source, externalRef },
  });
}
