import type { Metadata } from "next";
import { MessagesSquare } from "lucide-react";
import { PageHeader } from "@/components/dashboard/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { requireMembership } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Conversations" };

export default async function Page({ params }: { params: Promise<{ org: string }> }) {
  await requireMembership((await params).org);
  return (
    <>
      <PageHeader title="Conversations" description="Every conversation, with escalations highlighted." />
      <EmptyState icon={MessagesSquare} title="No conversations yet">
        Conversations appear here as customers reach out.
      </EmptyState>
    </>
  );
}
