import "server-only";
import type { Tx } from "@/lib/db/client";
import type { Emit } from "@/lib/webhooks/emit-event";

export type NewBooking = {
  leadId: string | null;
  service: string;
  startTime: Date;
  endTime: Date | null;
  source: "agent" | "calcom" | "brevo" | "dashboard";
  status?: "requested" | "confirmed";
  notes?: string | null;
  calcomBookingId?: number | null;
  calcomUid?: string | null;
  externalRef?: string | null;
};

type BookingRow = {
  id: string;
  leadId: string | null;
  service: string;
  startTime: Date;
  endTime: Date | null;
  calcomBookingId: number | null;
};

function bookingCreatedData(b: BookingRow) {
  return {
    id: b.id,
    lead_id: b.leadId,
    start_time: b.startTime.toISOString(),
    end_time: b.endTime?.toISOString() ?? null,
    service: b.service,
    calcom_booking_id: b.calcomBookingId,
  };
}

/** A booking; a confirmed one emits `booking.created` (a requested one waits for Cal.com). */
export async function createBooking(tx: Tx, emit: Emit, organizationId: string, input: NewBooking) {
  const booking = await tx.booking.create({
    data: {
      organizationId,
      leadId: input.leadId,
      service: input.service,
      startTime: input.startTime,
      endTime: input.endTime,
      status: input.status ?? "confirmed",
      notes: input.notes ?? null,
      source: input.source,
      calcomBookingId: input.calcomBookingId ?? null,
      calcomUid: input.calcomUid ?? null,
      externalRef: input.externalRef ?? null,
    },
  });
  if (booking.status === "confirmed") await emit(organizationId, "booking.created", bookingCreatedData(booking));
  return booking;
}

/**
 * Cancels a booking once; emits `booking.cancelled` (the seed: from the dashboard or Cal.com).
 * The status moves in one conditional UPDATE, so of two cancels at once only one changes it
 * (the other waits on the row, then finds it cancelled) and only one event goes out.
 */
export async function cancelBooking(tx: Tx, emit: Emit, organizationId: string, bookingId: string) {
  const cancelledAt = new Date();
  const { count } = await tx.booking.updateMany({
    where: { id: bookingId, organizationId, status: { not: "cancelled" } },
    data: { status: "cancelled", cancelledAt },
  });
  const booking = await tx.booking.findFirst({ where: { id: bookingId, organizationId } });
  if (!booking) return null;
  if (count === 0) return { booking, changed: false };
  await emit(organizationId, "booking.cancelled", {
    id: booking.id,
    lead_id: booking.leadId,
    start_time: booking.startTime.toISOString(),
    end_time: booking.endTime?.toISOString() ?? null,
    cancelled_at: cancelledAt.toISOString(),
  });
  return { booking, changed: true };
}

/** New times for a booking, with `booking.rescheduled` (our addition to the seed's catalogue). */
export async function rescheduleBooking(
  tx: Tx,
  emit: Emit,
  organizationId: string,
  bookingId: string,
  startTime: Date,
  endTime: Date | null,
) {
  const booking = await tx.booking.findFirst({ where: { id: bookingId, organizationId } });
  if (!booking) return null;
  const updated = await tx.booking.update({
    where: { id: bookingId },
    data: { startTime, endTime, status: "confirmed", cancelledAt: null },
  });
  await emit(organizationId, "booking.rescheduled", {
    ...bookingCreatedData(updated),
    previous_start_time: booking.startTime.toISOString(),
    previous_end_time: booking.endTime?.toISOString() ?? null,
  });
  return updated;
}

/** Marks a booking's meeting as started (Brevo's meeting started); no outbound event exists for it. */
export async function markBookingStarted(tx: Tx, organizationId: string, bookingId: string, startedAt = new Date()) {
  const { count } = await tx.booking.updateMany({
    where: { id: bookingId, organizationId, status: { in: ["requested", "confirmed"] } },
    data: { status: "started", startedAt },
  });
  return count === 1;
}
