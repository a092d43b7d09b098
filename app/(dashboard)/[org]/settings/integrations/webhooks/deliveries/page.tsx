import type { Metadata } from "next";
import { PageHeader } from "@/components/dashboard/page-header";
import { BackLink } from "@/components/webhooks/back-link";
import { DeliveryLog } from "@/components/webhooks/delivery-log";
import { requireMembership } from "@/lib/auth/session";
import { retentionDays } from "@/lib/maintenance/retention-days";

export const metadata: Metadata = { title: "Webhook deliveries" };

export default async function Page({ params }: { params: Promise<{ org: string }> }) {
  await requireMembership((await params).org);
  return (
    <>
      <BackLink to="" label="Webhooks" />
      <PageHeader
        title="Delivery log"
        description={`Every webhook Empfio sent for this organization in the last ${retentionDays()} days, newest first. Older deliveries are deleted.`}
      />
      <DeliveryLog />
    </>
  );
}
