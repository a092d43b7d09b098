import type { Metadata } from "next";
import Link from "next/link";
import { UserSquare } from "lucide-react";
import { PageHeader } from "@/components/dashboard/page-header";
import { LeadStatusSelect } from "@/components/records/lead-status-select";
import { cell, DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { requireMembership } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { LEAD_CHANNELS, LEAD_STATUSES, listLeads, listLeadsQuery } from "@/lib/records/list-records";
import { cn } from "@/lib/cn";

export const metadata: Metadata = { title: "Leads" };

type Props = { params: Promise<{ org: string }>; searchParams: Promise<Record<string, string>> };

export default async function LeadsPage({ params, searchParams }: Props) {
  const { organization, membership } = await requireMembership((await params).org);
  const parsed = listLeadsQuery.safeParse(await searchParams);
  const query = parsed.success ? parsed.data : listLeadsQuery.parse({});
  const leads = await listLeads(getDb(), organization.id, query);
  const canManage = membership.role !== "member";
  const base = `/${organization.slug}/leads`;
  const filterLink = (key: "status" | "channel", value?: string) => {
    const next = new URLSearchParams({
      ...(query.status ? { status: query.status } : {}),
      ...(query.channel ? { channel: query.channel } : {}),
    });
    if (value) next.set(key, value);
    else next.delete(key);
    const qs = next.toString();
    return qs ? `${base}?${qs}` : base;
  };
  return (
    <>
      <PageHeader
        title="Leads"
        description="People your AI receptionist has talked to. Changing a status sends lead.status_changed to your webhooks."
      />
      <nav aria-label="Filter leads" className="mb-4 flex flex-wrap gap-4 text-sm">
        {(["status", "channel"] as const).map((key) => (
          <div key={key} className="flex flex-wrap items-center gap-1">
            <span className="mr-1 text-zinc-500 dark:text-zinc-400 capitalize">{key}:</span>
            {[undefined, ...(key === "status" ? LEAD_STATUSES : LEAD_CHANNELS)].map((v) => {
              const active = query[key] === v;
              return (
                <Link
                  key={v ?? "all"}
                  href={filterLink(key, v)}
                  aria-current={active ? "true" : undefined}
                  className={cn(
                    "rounded-full px-2.5 py-0.5 capitalize",
                    active
                      ? "bg-brand-600 text-white"
                      : "bg-zinc-100 hover:bg-zinc-200 dark:bg-zinc-800 dark:hover:bg-zinc-700",
                  )}
                >
                  {v ?? "all"}
                </Link>
              );
            })}
          </div>
        ))}
      </nav>
      {leads.length === 0 ? (
        <EmptyState
          icon={UserSquare}
          title={query.status || query.channel ? "No leads match these filters" : "No leads yet"}
        >
          New leads from WhatsApp, Telegram, phone and web chat appear here as the AI agent, Varda or Brevo report them.
        </EmptyState>
      ) : (
        <DataTable label="Leads" columns={["Name", "Contact", "Channel", "Status", "Captured"]}>
          {leads.map((l) => (
            <tr key={l.id} data-testid="lead-row">
              <td className={cn(cell, "font-medium")}>{l.name}</td>
              <td className={cn(cell, "text-zinc-600 dark:text-zinc-400")}>
                {l.email ? <div>{l.email}</div> : null}
                {l.phone ? <div>{l.phone}</div> : null}
              </td>
              <td className={cn(cell, "capitalize")}>{l.channel}</td>
              <td className={cell}>
                <LeadStatusSelect
                  orgSlug={organization.slug}
                  leadId={l.id}
                  leadName={l.name}
                  status={l.status}
                  canManage={canManage}
                />
              </td>
              <td className={cn(cell, "whitespace-nowrap text-zinc-500 dark:text-zinc-400")}>
                <time dateTime={l.createdAt.toISOString()}>
                  {l.createdAt.toISOString().slice(0, 16).replace("T", " ")}
                </time>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}
