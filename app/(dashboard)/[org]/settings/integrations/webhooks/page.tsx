import type { Metadata } from "next";
import { PageHeader } from "@/components/dashboard/page-header";
import { EndpointList } from "@/components/webhooks/endpoint-list";
import { WebhookHeaderActions } from "@/components/webhooks/webhook-links";
import { requireMembership } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Webhooks" };

export default async function Page({ params }: { params: Promise<{ org: string }> }) {
  await requireMembership((await params).org);
  return (
    <>
      <PageHeader
        title="Webhooks"
        description="Send signed Empfio events to your own HTTPS endpoints."
        actions={<WebhookHeaderActions />}
      />
      <EndpointList />
    </>
  );
}
