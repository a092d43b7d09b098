import type { Metadata } from "next";
import { PageHeader } from "@/components/dashboard/page-header";
import { BackLink } from "@/components/webhooks/back-link";
import { EditEndpoint } from "@/components/webhooks/edit-endpoint";
import { ManagersOnly } from "@/components/webhooks/managers-only";
import { endpointOr404 } from "@/lib/webhooks/find-or-404";
import { requireMembership } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Edit webhook" };

export default async function Page({ params }: { params: Promise<{ org: string; id: string }> }) {
  const { org, id } = await params;
  const { organization } = await requireMembership(org);
  await endpointOr404(organization.id, id);
  return (
    <>
      <BackLink to={`/${id}`} label="Endpoint" />
      <PageHeader title="Edit webhook" />
      <ManagersOnly>
        <EditEndpoint id={id} />
      </ManagersOnly>
    </>
  );
}
