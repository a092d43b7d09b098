import type { Metadata } from "next";
import { PageHeader } from "@/components/dashboard/page-header";
import { AlertEmailPreference } from "@/components/notifications/alert-email-preference";
import { requireMembership } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Notification settings" };

export default async function Page({ params }: { params: Promise<{ org: string }> }) {
  const { organization } = await requireMembership((await params).org);
  return (
    <>
      <PageHeader title="Notification settings" description={`Your own alert emails from ${organization.name}.`} />
      <AlertEmailPreference />
    </>
  );
}
