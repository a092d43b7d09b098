import type { Metadata } from "next";
import { BackLink } from "@/components/webhooks/back-link";
import { EndpointDetail } from "@/components/webhooks/endpoint-detail";
import { endpointOr404 } from "@/lib/webhooks/find-or-404";
import { requireMembership } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Webhook endpoint" };

export default async function Page({ params }: { params: Promise<{ org: string; id: string }> }) {
  const { org, id } = await params;
  const { organization } = await requireMembership(org);
  await endpointOr404(organization.id, id);
  return (
    <>
      <BackLink to="" label="Webhooks" />
      <EndpointDetail id={id} />
    </>
  );
}
