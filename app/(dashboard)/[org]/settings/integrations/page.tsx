import type { Metadata } from "next";
import { PageHeader } from "@/components/dashboard/page-header";
import { IntegrationsOverview } from "@/components/webhooks/integrations-overview";
import { requireMembership } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Integrations" };

export default async function Page({ params }: { params: Promise<{ org: string }> }) {
  await requireMembership((await params).org);
  return (
    <>
      <PageHeader title="Integrations" description="Connect Empfio to the tools you already use." />
      <IntegrationsOverview />
    </>
  );
}
