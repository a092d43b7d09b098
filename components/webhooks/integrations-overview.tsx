"use client";

import { CalendarDays, Mail, PhoneCall, Webhook, type LucideIcon } from "lucide-react";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { useOrg } from "@/lib/api-client/org-context";
import { useEndpoints } from "@/lib/api-client/use-endpoints";
import { linkButton, webhooksPath } from "./webhook-links";

function WebhooksStatus() {
  const { data, isPending, error } = useEndpoints();
  if (isPending) return <Skeleton className="h-5 w-40" />;
  if (error) return <Badge tone="danger">Status unavailable</Badge>;
  const enabled = data.filter((e) => e.enabled).length;
  if (data.length === 0) return <Badge tone="neutral">Not set up</Badge>;
  return (
    <span className="flex flex-wrap gap-2">
      <Badge tone={enabled ? "success" : "warning"}>
        {enabled} of {data.length} endpoint{data.length === 1 ? "" : "s"} enabled
      </Badge>
    </span>
  );
}

// Inbound integrations have no connection UI yet; saying so beats a fake "connected" state.
const INBOUND: { name: string; icon: LucideIcon; text: string }[] = [
  { name: "Cal.com", icon: CalendarDays, text: "Bookings made and cancelled in Cal.com become Empfio bookings." },
  { name: "Varda", icon: PhoneCall, text: "Calls and conversations tracked by Varda flow into Empfio leads." },
  { name: "Brevo", icon: Mail, text: "Meetings booked in Brevo and finished phone calls update Empfio." },
];

export function IntegrationsOverview() {
  const org = useOrg();
  return (
    <ul className="grid gap-4 sm:grid-cols-2">
      <li>
        <Card className="flex h-full flex-col gap-3 p-5">
          <div className="flex items-center gap-3">
            <Webhook aria-hidden className="size-6 text-brand-600" />
            <h2 className="font-semibold">Webhooks</h2>
          </div>
          <p className="flex-1 text-sm text-zinc-600 dark:text-zinc-400">Send signed events (new leads, bookings, escalations) to your own server, Zapier, Make or n8n.</p>
          <WebhooksStatus />
          <Link href={webhooksPath(org)} className={`${linkButton} self-start`}>
            Manage webhooks
          </Link>
        </Card>
      </li>
      {INBOUND.map(({ name, icon: Icon, text }) => (
        <li key={name}>
          <Card className="flex h-full flex-col gap-3 p-5">
            <div className="flex items-center gap-3">
              <Icon aria-hidden className="size-6 text-zinc-500 dark:text-zinc-400" />
              <h2 className="font-semibold">{name}</h2>
            </div>
            <p className="flex-1 text-sm text-zinc-600 dark:text-zinc-400">{text}</p>
            <span>
              <Badge tone="neutral">Not connected · setup coming soon</Badge>
            </span>
          </Card>
        </li>
      ))}
    </ul>
  );
}
