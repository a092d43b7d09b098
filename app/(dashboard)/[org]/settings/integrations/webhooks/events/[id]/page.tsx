import type { Metadata } from "next";
import { BackLink } from "@/components/webhooks/back-link";
import { EventDetail } from "@/components/webhooks/event-detail";
import { eventOr404 } from "@/lib/webhooks/find-or-404";
import { requireMembership } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Event" };

export default async function Page({ params }: { params: Promise<{ org: string; id: string }> }) {
  const { org, id } = await params;
  const { organization } = await requireMembership(org);
  await eventOr404(organization.id, id);
  return (
    <>
      <BackLink to="/events" label="Event log" />
      <EventDetail id={id} />
    </>
  );
}
