import type { Metadata } from "next";
import { MessagesSquare, TriangleAlert } from "lucide-react";
import { PageHeader } from "@/components/dashboard/page-header";
import { StatusBadge } from "@/components/records/lead-status-select";
import { cell, DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { requireMembership } from "@/lib/auth/session";
import { cn } from "@/lib/cn";
import { getDb } from "@/lib/db/client";
import { listConversations } from "@/lib/records/list-records";

export const metadata: Metadata = { title: "Conversations" };

export default async function ConversationsPage({ params }: { params: Promise<{ org: string }> }) {
  const { organization } = await requireMembership((await params).org);
  const conversations = await listConversations(getDb(), organization.id);
  return (
    <>
      <PageHeader title="Conversations" description="Every conversation; escalations to a human come first." />
      {conversations.length === 0 ? (
        <EmptyState icon={MessagesSquare} title="No conversations yet">
          Conversations appear here as customers reach out on any channel.
        </EmptyState>
      ) : (
        <DataTable label="Conversations" columns={["Lead", "Channel", "Status", "Messages", "Escalation"]}>
          {conversations.map((c) => (
            <tr key={c.id} className={c.status === "escalated" ? "bg-red-50/60 dark:bg-red-950/30" : undefined}>
              <td className={cn(cell, "font-medium")}>{c.lead?.name ?? "Unknown contact"}</td>
              <td className={cn(cell, "capitalize")}>{c.channel}</td>
              <td className={cell}>
                <StatusBadge status={c.status} />
              </td>
              <td className={cell}>{c._count.messages}</td>
              <td className={cn(cell, "max-w-sm")}>
                {c.escalationReason ? (
                  <span className="flex items-start gap-1.5 text-red-700 dark:text-red-300">
                    <TriangleAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
                    {c.escalationReason}
                  </span>
                ) : (
                  "—"
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}
