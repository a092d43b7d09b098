import type { Metadata } from "next";
import { Plug } from "lucide-react";
import { PageHeader } from "@/components/dashboard/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { requireMembership } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Integrations" };

export default async function Page({ params }: { params: Promise<{ org: string }> }) {
  await requireMembership((await params).org);
  return (
    <>
      <PageHeader title="Integrations" description="Connect Empfio to the tools you already use." />
      <EmptyState icon={Plug} title="No integrations connected">
        Webhooks, Cal.com, Varda and Brevo connections will be managed here.
      </EmptyState>
    </>
  );
}
