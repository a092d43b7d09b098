import type { Metadata } from "next";
import { PageHeader } from "@/components/dashboard/page-header";
import { BackLink } from "@/components/webhooks/back-link";
import { CreateEndpoint } from "@/components/webhooks/create-endpoint";
import { ManagersOnly } from "@/components/webhooks/managers-only";
import { requireMembership } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Add webhook" };

export default async function Page({ params }: { params: Promise<{ org: string }> }) {
  await requireMembership((await params).org);
  return (
    <>
      <BackLink to="" label="Webhooks" />
      <PageHeader
        title="Add webhook"
        description="Pick a URL and the events to send. Saving sends a test ping at once."
      />
      <ManagersOnly>
        <CreateEndpoint />
      </ManagersOnly>
    </>
  );
}
