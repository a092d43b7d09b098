import type { Metadata } from "next";
import { LayoutDashboard } from "lucide-react";
import { PageHeader } from "@/components/dashboard/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { requireMembership } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage({ params }: { params: Promise<{ org: string }> }) {
  const { organization, user } = await requireMembership((await params).org);
  return (
    <>
      <PageHeader title={`Welcome, ${user.name}`} description={`${organization.name} at a glance`} />
      <EmptyState icon={LayoutDashboard} title="Nothing to show yet">
        Leads, bookings and conversations appear here as your AI receptionist captures them.
      </EmptyState>
    </>
  );
}
