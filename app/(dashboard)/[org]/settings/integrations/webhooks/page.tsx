import type { Metadata } from "next";
import { Webhook } from "lucide-react";
import { PageHeader } from "@/components/dashboard/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { requireMembership } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Webhooks" };

export default async function Page({ params }: { params: Promise<{ org: string }> }) {
  await requireMembership((await params).org);
  return (
    <>
      <PageHeader title="Webhooks" description="Send Empfio events to your own HTTPS endpoints." />
      <EmptyState icon={Webhook} title="No webhook endpoints yet">
        Add an endpoint to receive signed POST requests when leads, bookings and conversations change.
      </EmptyState>
    </>
  );
}
