import { createHmac } from "node:crypto";
import { z } from "zod";
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/ids";
import { cancelBooking, createBooking, rescheduleBooking } from "@/lib/records/bookings";
import { findOrCreateLead } from "@/lib/records/leads";
import type { Emit } from "@/lib/webhooks/emit-event";
import { constantTimeEqual } from "./inbound-request";

// Cal.com webhooks: X-Cal-Signature-256 = hex HMAC-SHA256 of the raw body with the secret.
export function verifyCalcomSignature(raw: Buffer, header: string | null, secret: string): boolean {
  return !!header && constantTimeEqual(header.trim().toLowerCase(), createHmac("sha256", secret).update(raw).digest("hex"));
}

const attendee = z.object({ name: z.string().optional(), email: z.string().optional(), phoneNumber: z.string().nullish() }).loose();

// Liberal where Cal.com varies (extra fields pass), strict where we depend on a field.
export const calcomWebhookSchema = z.object({
  triggerEvent: z.string().min(1, "triggerEvent is required"),
  createdAt: z.string().optional(),
  payload: z
    .object({
      uid: z.string().min(1).optional(),
      bookingId: z.coerce.number().int().optional(),
      title: z.string().optional(),
      startTime: z.iso.datetime({ offset: true }).optional(),
      endTime: z.iso.datetime({ offset: true }).optional(),
      attendees: z.array(attendee).optional(),
      metadata: z.record(z.string(), z.unknown()).nullish(),
      rescheduleUid: z.string().nullish(),
    })
    .loose(),
});

export type CalcomWebhook = z.output<typeof calcomWebhookSchema>;
const HANDLED = ["BOOKING_CREATED", "BOOKING_CANCELLED", "BOOKING_RESCHEDULED"] as const;

export function isHandledTrigger(trigger: string): trigger is (typeof HANDLED)[number] {
  return (HANDLED as readonly string[]).includes(trigger);
}

/** The organization: the URL's connection, the agent's metadata, or an existing booking with this uid. */
export async function resolveCalcomOrganization(tx: Tx, hook: CalcomWebhook, connectionOrgId: string | null): Promise<string> {
  if (connectionOrgId) return connectionOrgId;
  const fromMetadata = hook.payload.metadata?.organization_id;
  if (typeof fromMetadata === "string" && isUuid(fromMetadata) && (await tx.organization.findUnique({ where: { id: fromMetadata } }))) return fromMetadata;
  const uids = [hook.payload.uid, hook.payload.rescheduleUid].filter((u): u is string => !!u);
  const existing = uids.length ? await tx.booking.findFirst({ where: { calcomUid: { in: uids } } }) : null;
  if (existing) return existing.organizationId;
  throw new AppError("not_found", "No organization for this booking: set metadata.organization_id, or use your organization's Cal.com connection URL.");
}

function requireField<T>(value: T | undefined | null, field: string): T {
  if (value === undefined || value === null) throw new AppError("validation_failed", `payload.${field} is required`, [{ field: `payload.${field}`, message: "is required" }]);
  return value;
}

/** BOOKING_CREATED / CANCELLED / RESCHEDULED → the booking change and its outbound event; null for a booking already known. */
export async function applyCalcomWebhook(tx: Tx, emit: Emit, organizationId: string, hook: CalcomWebhook & { triggerEvent: (typeof HANDLED)[number] }) {
  const p = hook.payload;
  const uid = requireField(p.uid, "uid");
  if (hook.triggerEvent === "BOOKING_CANCELLED") {
    const booking = await tx.booking.findFirst({ where: { calcomUid: uid, organizationId } });
    if (!booking) throw new AppError("not_found", `No booking with Cal.com uid ${uid}`);
    await cancelBooking(tx, emit, organizationId, booking.id);
    return { booking_id: booking.id };
  }
  const start = new Date(requireField(p.startTime, "startTime"));
  const end = p.endTime ? new Date(p.endTime) : null;
  if (hook.triggerEvent === "BOOKING_RESCHEDULED") {
    const previous = await tx.booking.findFirst({ where: { organizationId, calcomUid: { in: [p.rescheduleUid, uid].filter((u): u is string => !!u) } } });
    if (previous) {
      await tx.booking.update({ where: { id: previous.id }, data: { calcomUid: uid, calcomBookingId: p.bookingId ?? previous.calcomBookingId } });
      await rescheduleBooking(tx, emit, organizationId, previous.id, start, end);
      return { booking_id: previous.id };
    }
  }
  // Cal.com may send the same booking again with a new createdAt: the uid says it is known.
  if (await tx.booking.findFirst({ where: { calcomUid: uid } })) return null;
  const leadId = await resolveLead(tx, emit, organizationId, hook);
  const booking = await createBooking(tx, emit, organizationId, {
    leadId,
    service: p.title?.split(" between ")[0]?.trim() || "Appointment",
    startTime: start,
    endTime: end,
    source: "calcom",
    calcomBookingId: p.bookingId ?? null,
    calcomUid: uid,
  });
  return { booking_id: booking.id, lead_id: leadId };
}

async function resolveLead(tx: Tx, emit: Emit, organizationId: string, hook: CalcomWebhook): Promise<string | null> {
  const fromMetadata = hook.payload.metadata?.lead_id;
  if (typeof fromMetadata === "string" && isUuid(fromMetadata)) {
    const lead = await tx.lead.findFirst({ where: { id: fromMetadata, organizationId } });
    if (lead) return lead.id;
  }
  const a = hook.payload.attendees?.[0];
  if (!a || (!a.email && !a.phoneNumber)) return null;
  const { lead } = await findOrCreateLead(tx, emit, organizationId, {
    name: a.name || a.email || "Cal.com attendee",
    email: a.email ?? null,
    phone: a.phoneNumber ?? null,
    channel: a.phoneNumber && !a.email ? "phone" : "email",
  });
  return lead.id;
}
