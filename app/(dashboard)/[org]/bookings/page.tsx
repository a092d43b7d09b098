import type { Metadata } from "next";
import { CalendarDays } from "lucide-react";
import { PageHeader } from "@/components/dashboard/page-header";
import { CancelBookingButton } from "@/components/records/cancel-booking-button";
import { StatusBadge } from "@/components/records/lead-status-select";
import { cell, DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { requireMembership } from "@/lib/auth/session";
import { cn } from "@/lib/cn";
import { getDb } from "@/lib/db/client";
import { listBookings } from "@/lib/records/list-records";

export const metadata: Metadata = { title: "Bookings" };

const when = (d: Date) => d.toISOString().slice(0, 16).replace("T", " ");

export default async function BookingsPage({ params }: { params: Promise<{ org: string }> }) {
  const { organization, membership } = await requireMembership((await params).org);
  const bookings = await listBookings(getDb(), organization.id);
  const canManage = membership.role !== "member";
  return (
    <>
      <PageHeader
        title="Bookings"
        description="Appointments from Cal.com, Brevo and the AI agent. Cancelling here sends booking.cancelled to your webhooks."
      />
      {bookings.length === 0 ? (
        <EmptyState icon={CalendarDays} title="No bookings yet">
          Appointments appear here once a customer books through Cal.com or Brevo.
        </EmptyState>
      ) : (
        <DataTable
          label="Bookings"
          columns={["Service", "Lead", "When (UTC)", "Source", "Status", { hidden: "Actions" }]}
        >
          {bookings.map((b) => (
            <tr key={b.id} data-testid="booking-row">
              <td className={cn(cell, "font-medium")}>{b.service}</td>
              <td className={cell}>{b.lead?.name ?? "—"}</td>
              <td className={cn(cell, "whitespace-nowrap")}>
                {when(b.startTime)}
                {b.endTime ? `–${when(b.endTime).slice(11)}` : ""}
              </td>
              <td className={cn(cell, "capitalize")}>{b.source}</td>
              <td className={cell}>
                <StatusBadge status={b.status} />
              </td>
              <td className={cn(cell, "text-right")}>
                {canManage && b.status !== "cancelled" ? (
                  <CancelBookingButton
                    orgSlug={organization.slug}
                    bookingId={b.id}
                    label={`${b.service} for ${b.lead?.name ?? "a customer"} on ${when(b.startTime)}`}
                  />
                ) : null}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}
