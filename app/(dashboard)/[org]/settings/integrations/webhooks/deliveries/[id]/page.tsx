import type { Metadata } from "next";
import { BackLink } from "@/components/webhooks/back-link";
import { DeliveryDetail } from "@/components/webhooks/delivery-detail";
import { deliveryOr404 } from "@/lib/webhooks/find-or-404";
import { requireMembership } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Delivery" };

export default async function Page({ params }: { params: Promise<{ org: string; id: string }> }) {
  const { org, id } = await params;
  const { organization } = await requireMembership(org);
  await deliveryOr404(organization.id, id);
  return (
    <>
      <BackLink to="/deliveries" label="Delivery log" />
      <DeliveryDetail id={id} />
    </>
  );
}
