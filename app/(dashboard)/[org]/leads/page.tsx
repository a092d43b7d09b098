import type { Metadata } from "next";
import { UserSquare } from "lucide-react";
import { PageHeader } from "@/components/dashboard/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { requireMembership } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Leads" };

export default async function Page({ params }: { params: Promise<{ org: string }> }) {
  await requireMembership((await params).org);
  return (
    <>
      <PageHeader title="Leads" description="People your AI receptionist has talked to." />
      <EmptyState icon={UserSquare} title="No leads yet">
        New leads from WhatsApp, Telegram, phone and web chat will be listed here.
      </EmptyState>
    </>
  );
}
