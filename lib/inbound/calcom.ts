import "server-only";
import type { Db, Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { cancelBooking, createBooking, rescheduleBooking } from "@/lib/records/bookings";
import { findOrCreateLead } from "@/lib/records/leads";
import type { Emit } from "@/lib/webhooks/emit-event";
import { REDELIVERY_WINDOW_MS } from "./claim-dedupe-key";
import { processOnce, type InboundContext, type InboundResult } from "./handle-inbound";
import { commandOrThrow, readRawBodyOrThrow, verifiedOrThrow } from "./inbound-request";
import { parseCalcomWebhook, type CalcomCommand } from "./parse-calcom-webhook";
import { rejected } from "./verification-result";
import { verifyCalcomSignature } from "./verify-calcom-signature";

type BookingCommand = Exclude<CalcomCommand, { kind: "ignored" }>;

/** The organization: the URL's connection, the agent's metadata, or an existing booking with this uid. */
export async function resolveCalcomOrganization(
  tx: Tx | Db,
  command: BookingCommand,
  connectionOrgId: string | null,
): Promise<string> {
  if (connectionOrgId) return connectionOrgId;
  if (command.organizationId && (await tx.organization.findUnique({ where: { id: command.organizationId } })))
    return command.organizationId;
  const uids = [command.uid, command.kind === "booking_rescheduled" ? command.previousUid : null].filter(
    (u): u is string => !!u,
  );
  const existing = await tx.booking.findFirst({ where: { calcomUid: { in: uids } } });
  if (existing) return existing.organizationId;
  throw new AppError(
    "not_found",
    "No organization for this booking: set metadata.organization_id, or use your organization's Cal.com connection URL.",
  );
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
      await tx.booking.update({
        where: { id: previous.id },
        data: { calcomUid: command.uid, calcomBookingId: command.calcomBookingId ?? previous.calcomBookingId },
      });
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

async function resolveLead(
  tx: Tx,
  emit: Emit,
  organizationId: string,
  command: BookingCommand,
): Promise<string | null> {
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

/**
 * Both Cal.com URLs. The global one: signed when CALCOM_WEBHOOK_SECRET is set, the organization
 * from the booking. A connection's: signed with its secret (required), its organization.
 */
export async function receiveCalcomWebhook(
  { db, log }: InboundContext,
  req: Request,
  connection: { organizationId: string; secret: string | null } | null,
): Promise<InboundResult> {
  const raw = await readRawBodyOrThrow(req);
  const secret = connection ? connection.secret : process.env.CALCOM_WEBHOOK_SECRET || null;
  // With no secret on the global URL, Cal.com sends no signature and none is required.
  if (connection || secret) {
    verifiedOrThrow(
      secret
        ? verifyCalcomSignature(raw, req.headers.get("x-cal-signature-256"), secret)
        : rejected("not_configured", "This Cal.com connection has no signing secret: create a new connection."),
      log,
    );
  }
  const command = commandOrThrow(parseCalcomWebhook(raw));
  log.eventType = command.triggerEvent;
  if (command.kind === "ignored")
    return { outcome: "ignored", eventType: command.triggerEvent, reason: command.reason, body: { status: "ignored" } };
  const organizationId = await resolveCalcomOrganization(db, command, connection?.organizationId ?? null);
  log.organizationId = organizationId;
  const event = {
    organizationId,
    eventType: command.triggerEvent,
    dedupeKey: command.dedupeKey,
    windowMs: REDELIVERY_WINDOW_MS,
    exclusive: true,
  };
  return processOnce(db, event, (tx, emit) => applyCalcomCommand(tx, emit, organizationId, command));
}
