import type { Metadata } from "next";
import { CalendarDays } from "lucide-react";
import { PageHeader } from "@/components/dashboard/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { requireMembership } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Bookings" };

export default async function Page({ params }: { params: Promise<{ org: string }> }) {
  await requireMembership((await params).org);
  return (
    <>
      <PageHeader title="Bookings" description="Appointments booked through Cal.com and Brevo." />
      <EmptyState icon={CalendarDays} title="No bookings yet">
        Appointments appear here once a customer books.
      </EmptyState>
    </>
  );
}
