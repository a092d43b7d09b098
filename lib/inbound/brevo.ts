import "server-only";
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { cancelBooking, createBooking, markBookingStarted } from "@/lib/records/bookings";
import { upsertCall } from "@/lib/records/calls";
import { createLead, findOrCreateLead } from "@/lib/records/leads";
import type { Emit } from "@/lib/webhooks/emit-event";
import type { BrevoCommand, BrevoMeeting } from "./parse-brevo-webhook";

async function bookingOf(tx: Tx, organizationId: string, meeting: BrevoMeeting) {
  const booking = await tx.booking.findFirst({ where: { organizationId, externalRef: meeting.externalRef } });
  if (!booking)
    throw new AppError(
      "not_found",
      `No booking for the Brevo meeting "${meeting.service}" at ${meeting.startTime.toISOString()}: its "meeting booked" webhook has not reached this connection.`,
    );
  return booking;
}

/**
 * The change one Brevo webhook makes, in the caller's transaction. Brevo sends no meeting id, so
 * a meeting is known by its start, name and first participant (`meeting.externalRef`). Null for
 * a meeting already booked (the same booking, sent again in other bytes).
 */
export async function applyBrevoCommand(
  tx: Tx,
  emit: Emit,
  organizationId: string,
  command: BrevoCommand,
): Promise<Record<string, string | boolean | null> | null> {
  switch (command.kind) {
    case "meeting_booked": {
      const m = command.meeting;
      if (await tx.booking.findFirst({ where: { organizationId, externalRef: m.externalRef } })) return null;
      const p = command.participant;
      const lead = p?.email
        ? (
            await findOrCreateLead(tx, emit, organizationId, {
              name: p.name ?? p.email,
              email: p.email,
              channel: "email",
            })
          ).lead
        : null;
      const booking = await createBooking(tx, emit, organizationId, {
        leadId: lead?.id ?? null,
        service: m.service,
        startTime: m.startTime,
        endTime: m.endTime,
        notes: m.notes,
        source: "brevo",
        externalRef: m.externalRef,
      });
      return { booking_id: booking.id, lead_id: booking.leadId };
    }
    case "meeting_started": {
      const booking = await bookingOf(tx, organizationId, command.meeting);
      return { booking_id: booking.id, started: await markBookingStarted(tx, organizationId, booking.id) };
    }
    case "meeting_cancelled": {
      const booking = await bookingOf(tx, organizationId, command.meeting);
      const result = await cancelBooking(tx, emit, organizationId, booking.id);
      return { booking_id: booking.id, cancelled: result?.changed ?? false };
    }
    case "call_finished": {
      const c = command.call;
      const known = await tx.lead.findFirst({
        where: { organizationId, phone: c.phoneNumber },
        orderBy: { createdAt: "asc" },
      });
      // A missed call from an unknown number is someone to call back: a phone lead.
      const lead =
        known ??
        (command.missed
          ? await createLead(tx, emit, organizationId, { name: c.phoneNumber, phone: c.phoneNumber, channel: "phone" })
          : null);
      // Brevo reports the contact's number and our line, not who dialled; a missed call was inbound.
      const call = await upsertCall(tx, organizationId, "brevo", null, {
        leadId: lead?.id,
        direction: command.missed ? "inbound" : null,
        status: c.type,
        fromNumber: c.phoneNumber,
        toNumber: c.phoneLine,
        durationSeconds: c.durationSeconds,
        disposition: c.type,
      });
      return { call_id: call.id, lead_id: lead?.id ?? null };
    }
  }
}
