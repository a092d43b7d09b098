import type { Metadata } from "next";
import { KeyRound } from "lucide-react";
import { PageHeader } from "@/components/dashboard/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { requireMembership } from "@/lib/auth/session";

export const metadata: Metadata = { title: "API keys" };

export default async function Page({ params }: { params: Promise<{ org: string }> }) {
  await requireMembership((await params).org);
  return (
    <>
      <PageHeader title="API keys" description="Keys for programmatic access to the Empfio API." />
      <EmptyState icon={KeyRound} title="No API keys yet">
        Create a key to manage webhooks from your own code.
      </EmptyState>
    </>
  );
}
