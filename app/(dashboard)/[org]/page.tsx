import type { Metadata } from "next";
import { PageHeader } from "@/components/dashboard/page-header";
import { OverviewDashboard } from "@/components/overview/overview-dashboard";
import { requireMembership } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage({ params }: { params: Promise<{ org: string }> }) {
  const { organization, user } = await requireMembership((await params).org);
  return (
    <>
      <PageHeader title={`Welcome, ${user.name}`} description={`${organization.name} at a glance`} />
      <OverviewDashboard />
    </>
  );
}
