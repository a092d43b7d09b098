import type { Metadata } from "next";
import { PageHeader } from "@/components/dashboard/page-header";
import { ConnectionsSection } from "@/components/integrations/connections-section";
import { IntegrationsOverview } from "@/components/integrations/integrations-overview";
import { requireMembership } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Integrations" };

export default async function Page({ params }: { params: Promise<{ org: string }> }) {
  await requireMembership((await params).org);
  return (
    <>
      <PageHeader title="Integrations" description="Connect Empfio to the tools you already use." />
      <div className="space-y-8">
        <IntegrationsOverview />
        <ConnectionsSection />
      </div>
    </>
  );
}
