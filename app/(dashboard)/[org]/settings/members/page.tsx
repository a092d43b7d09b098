import type { Metadata } from "next";
import { PageHeader } from "@/components/dashboard/page-header";
import { MembersPanel } from "@/components/team/members-panel";
import { requireMembership } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage({ params }: { params: Promise<{ org: string }> }) {
  const { organization } = await requireMembership((await params).org);
  return (
    <>
      <PageHeader title="Members" description={`People who can sign in to ${organization.name}, and their roles.`} />
      <MembersPanel organizationName={organization.name} />
    </>
  );
}
