import type { Metadata } from "next";
import { PageHeader } from "@/components/dashboard/page-header";
import { BackLink } from "@/components/webhooks/back-link";
import { EventLog } from "@/components/webhooks/event-log";
import { requireMembership } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Webhook events" };

export default async function Page({ params }: { params: Promise<{ org: string }> }) {
  await requireMembership((await params).org);
  return (
    <>
      <BackLink to="" label="Webhooks" />
      <PageHeader
        title="Event log"
        description="Every event Empfio emitted for this organization, newest first. Open one to see its deliveries or replay it."
      />
      <EventLog />
    </>
  );
}
