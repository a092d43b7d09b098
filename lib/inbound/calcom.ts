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

/**
 * The organization of a booking on the global URL (the platform's own, signed Cal.com account):
 * the agent's metadata, or the one organization holding a booking with this uid.
 */
async function resolveGlobalOrganization(db: Db, command: BookingCommand): Promise<string> {
  if (command.organizationId && (await db.organization.findUnique({ where: { id: command.organizationId } })))
    return command.organizationId;
  const uids = [command.uid, command.kind === "booking_rescheduled" ? command.previousUid : null].filter(
    (u): u is string => !!u,
  );
  const holders = await db.booking.findMany({
    where: { calcomUid: { in: uids } },
    distinct: ["organizationId"],
    select: { organizationId: true },
    take: 2,
  });
  if (holders.length === 1) return holders[0].organizationId;
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
  if (await tx.booking.findFirst({ where: { organizationId, calcomUid: command.uid } })) return null;
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
 * Both Cal.com URLs. The global one is the platform's own Cal.com account: refused unless
 * CALCOM_WEBHOOK_SECRET is set, signed with it, the organization from the booking. A
 * connection's: signed with its secret (required), its organization. Uids and dedupe keys are
 * scoped to the organization and the URL, so one tenant can neither shadow nor probe another's.
 */
export async function receiveCalcomWebhook(
  { db, log }: InboundContext,
  req: Request,
  connection: { id: string; organizationId: string; secret: string | null } | null,
): Promise<InboundResult> {
  const raw = await readRawBodyOrThrow(req);
  const secret = connection ? connection.secret : process.env.CALCOM_WEBHOOK_SECRET || null;
  verifiedOrThrow(
    secret
      ? verifyCalcomSignature(raw, req.headers.get("x-cal-signature-256"), secret)
      : connection
        ? rejected("not_configured", "This Cal.com connection has no signing secret: create a new connection.")
        : rejected(
            "not_configured",
            "The global Cal.com URL is off (CALCOM_WEBHOOK_SECRET is not set): use your organization's Cal.com connection URL from Settings → Integrations.",
          ),
    log,
  );
  const command = commandOrThrow(parseCalcomWebhook(raw));
  log.eventType = command.triggerEvent;
  if (command.kind === "ignored")
    return { outcome: "ignored", eventType: command.triggerEvent, reason: command.reason, body: { status: "ignored" } };
  const organizationId = connection?.organizationId ?? (await resolveGlobalOrganization(db, command));
  log.organizationId = organizationId;
  const event = {
    organizationId,
    eventType: command.triggerEvent,
    dedupeKey: `${organizationId}:${connection?.id ?? "global"}:${command.dedupeKey}`,
    windowMs: REDELIVERY_WINDOW_MS,
    exclusive: true,
  };
  return processOnce(db, event, (tx, emit) => applyCalcomCommand(tx, emit, organizationId, command));
}
