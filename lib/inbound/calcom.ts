import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { cancelBooking, createBooking, rescheduleBooking } from "@/lib/records/bookings";
import { findOrCreateLead } from "@/lib/records/leads";
import type { Emit } from "@/lib/webhooks/emit-event";
import type { CalcomCommand } from "./parse-calcom-webhook";

type BookingCommand = Exclude<CalcomCommand, { kind: "ignored" }>;

/** The organization: the URL's connection, the agent's metadata, or an existing booking with this uid. */
export async function resolveCalcomOrganization(tx: Tx, command: BookingCommand, connectionOrgId: string | null): Promise<string> {
  if (connectionOrgId) return connectionOrgId;
  if (command.organizationId && (await tx.organization.findUnique({ where: { id: command.organizationId } }))) return command.organizationId;
  const uids = [command.uid, command.kind === "booking_rescheduled" ? command.previousUid : null].filter((u): u is string => !!u);
  const existing = await tx.booking.findFirst({ where: { calcomUid: { in: uids } } });
  if (existing) return existing.organizationId;
  throw new AppError("not_found", "No organization for this booking: set metadata.organization_id, or use your organization's Cal.com connection URL.");
}

/** The booking change and its outbound event; null for a booking already known (a redelivery). */
export async function applyCalcomCommand(tx: Tx, emit: Emit, organizationId: string, command: BookingCommand) {
  if (command.kind === "booking_cancelled") {
    const booking = await tx.booking.findFirst({ where: { calcomUid: command.uid, organizationId } });
    if (!booking) throw new AppError("not_found", `No booking with Cal.com uid ${command.uid}`);
    await cancelBooking(tx, emit, organizationId, booking.id);
    return { booking_id: booking.id };
  }
  if (command.kind === "booking_rescheduled") {
    const uids = [command.previousUid, command.uid].filter((u): u is string => !!u);
    const previous = await tx.booking.findFirst({ where: { organizationId, calcomUid: { in: uids } } });
    if (previous) {
      await tx.booking.update({ where: { id: previous.id }, data: { calcomUid: command.uid, calcomBookingId: command.calcomBookingId ?? previous.calcomBookingId } });
      await rescheduleBooking(tx, emit, organizationId, previous.id, command.startTime, command.endTime);
      return { booking_id: previous.id };
    }
  }
  // Cal.com may send the same booking again with a new createdAt: the uid says it is known.
  if (await tx.booking.findFirst({ where: { calcomUid: command.uid } })) return null;
  const leadId = await resolveLead(tx, emit, organizationId, command);
  const booking = await createBooking(tx, emit, organizationId, {
    leadId,
    service: command.service,
    startTime: command.startTime,
    endTime: command.endTime,
    source: "calcom",
    calcomBookingId: command.calcomBookingId,
    calcomUid: command.uid,
  });
  return { booking_id: booking.id, lead_id: leadId };
}

async function resolveLead(tx: Tx, emit: Emit, organizationId: string, command: BookingCommand): Promise<string | null> {
  if (command.leadId) {
    const lead = await tx.lead.findFirst({ where: { id: command.leadId, organizationId } });
    if (lead) return lead.id;
  }
  const a = command.attendee;
  if (!a || (!a.email && !a.phone)) return null;
  const { lead } = await findOrCreateLead(tx, emit, organizationId, {
    name: a.name || a.email || "Cal.com attendee",
    email: a.email,
    phone: a.phone,
    channel: a.phone && !a.email ? "phone" : "email",
  });
  return lead.id;
}
