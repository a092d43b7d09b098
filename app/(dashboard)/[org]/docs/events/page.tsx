import type { Metadata } from "next";
import { PageHeader } from "@/components/dashboard/page-header";
import { EventCatalogue } from "@/components/docs/event-catalogue";
import { requireMembership } from "@/lib/auth/session";
import { deliveryTimeoutMs, retrySchedule, ROTATION_OVERLAP_MS } from "@/lib/webhooks/delivery-settings";

export const metadata: Metadata = { title: "Webhook events" };

export default async function Page({ params }: { params: Promise<{ org: string }> }) {
  await requireMembership((await params).org);
  return (
    <>
      <PageHeader
        title="Webhook events"
        description="Every event Empfio can send, with its payload, schema and how to verify it came from us."
      />
      <EventCatalogue
        terms={{
          retryDelaysMs: retrySchedule(),
          timeoutMs: deliveryTimeoutMs(),
          rotationOverlapMs: ROTATION_OVERLAP_MS,
        }}
      />
    </>
  );
}
