import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/dashboard/page-header";
import { NotificationList } from "@/components/notifications/notification-list";
import { requireMembership } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Notifications" };

export default async function Page({ params }: { params: Promise<{ org: string }> }) {
  const { organization } = await requireMembership((await params).org);
  return (
    <>
      <PageHeader
        title="Notifications"
        description="Alerts about your webhook endpoints: failing deliveries, endpoints about to be or disabled, and recoveries. Everyone in the organization sees them; read state is yours."
      />
      <p className="mb-4 text-sm">
        <Link
          href={`/${organization.slug}/settings/notifications`}
          className="font-medium text-brand-700 underline dark:text-brand-100"
        >
          Email preferences
        </Link>
      </p>
      <NotificationList slug={organization.slug} />
    </>
  );
}
