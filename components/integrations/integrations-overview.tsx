"use client";

import { ArrowDownToLine, Webhook } from "lucide-react";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { linkButton, webhooksPath } from "@/components/webhooks/webhook-links";
import { useOrg } from "@/lib/api-client/org-context";
import { useEndpoints } from "@/lib/api-client/use-endpoints";
import { inboundLogPath } from "./provider-catalogue";

function WebhooksStatus() {
  const { data, isPending, error } = useEndpoints();
  if (isPending) return <Skeleton className="h-5 w-40" />;
  if (error) return <Badge tone="danger">Status unavailable</Badge>;
  const enabled = data.filter((e) => e.enabled).length;
  if (data.length === 0) return <Badge tone="neutral">Not set up</Badge>;
  return (
    <Badge tone={enabled ? "success" : "warning"}>
      {enabled} of {data.length} endpoint{data.length === 1 ? "" : "s"} enabled
    </Badge>
  );
}

/** Outbound webhooks and the inbound log, side by side above the connections. */
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
          <p className="flex-1 text-sm text-zinc-600 dark:text-zinc-400">
            Send signed events (new leads, bookings, escalations) to your own server, Zapier, Make or n8n.
          </p>
          <span>
            <WebhooksStatus />
          </span>
          <Link href={webhooksPath(org)} className={`${linkButton} self-start`}>
            Manage webhooks
          </Link>
        </Card>
      </li>
      <li>
        <Card className="flex h-full flex-col gap-3 p-5">
          <div className="flex items-center gap-3">
            <ArrowDownToLine aria-hidden className="size-6 text-brand-600" />
            <h2 className="font-semibold">Inbound log</h2>
          </div>
          <p className="flex-1 text-sm text-zinc-600 dark:text-zinc-400">
            Every request the AI agent, Cal.com, Varda and Brevo sent to Empfio: verified or not, what it created, and
            why one was refused.
          </p>
          <Link href={inboundLogPath(org)} className={`${linkButton} self-start`}>
            Open inbound log
          </Link>
        </Card>
      </li>
    </ul>
  );
}
