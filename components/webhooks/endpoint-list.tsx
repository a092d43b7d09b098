"use client";

import { Webhook } from "lucide-react";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { RelativeTime } from "@/components/ui/relative-time";
import { SkeletonRows } from "@/components/ui/skeleton";
import { useOrg } from "@/lib/api-client/org-context";
import { useEndpoints } from "@/lib/api-client/use-endpoints";
import { useCanManage } from "@/lib/api-client/use-me";
import type { Endpoint } from "@/lib/api-client/types";
import { EventChips } from "./event-chips";
import { DeliveryStatusBadge, EndpointStatusBadge, SuccessRate } from "./status-badges";
import { primaryLinkButton, webhooksPath } from "./webhook-links";

export function EndpointList() {
  const org = useOrg();
  const canManage = useCanManage();
  const { data, error, isPending, refetch } = useEndpoints();
  if (isPending) return <SkeletonRows rows={3} label="Loading webhook endpoints" />;
  if (error) return <ErrorState error={error} what="webhook endpoints" onRetry={() => void refetch()} />;
  if (data.length === 0) {
    return (
      <EmptyState icon={Webhook} title="No webhook endpoints yet">
        <p>
          A webhook sends a signed HTTPS POST to your server (or Zapier, Make, n8n…) the moment a lead arrives, a
          booking is made or cancelled, or a conversation needs a human. No polling needed.
        </p>
        {canManage ? (
          <Link href={webhooksPath(org, "/new")} className={`${primaryLinkButton} mt-4`}>
            Add your first webhook
          </Link>
        ) : (
          <p className="mt-2">Ask an owner or admin of this organization to add one.</p>
        )}
      </EmptyState>
    );
  }
  return (
    <ul className="space-y-3" aria-label="Webhook endpoints">
      {data.map((e) => (
        <li key={e.id}>
          <EndpointRow org={org} endpoint={e} />
        </li>
      ))}
    </ul>
  );
}

function EndpointRow({ org, endpoint: e }: { org: string; endpoint: Endpoint }) {
  const last = e.stats?.last_delivery;
  return (
    <Card className="relative p-4 hover:border-brand-500 focus-within:border-brand-500">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0 space-y-2">
          <div className="flex flex-wrap items-center gap-2">
            <EndpointStatusBadge endpoint={e} />
            <Link
              href={webhooksPath(org, `/${e.id}`)}
              className="min-w-0 font-mono text-sm font-medium break-all after:absolute after:inset-0 hover:underline"
            >
              {e.url}
            </Link>
          </div>
          {e.description ? <p className="text-sm text-zinc-600 dark:text-zinc-400">{e.description}</p> : null}
          {!e.enabled && e.disabled_reason ? (
            <p className="text-sm text-amber-800 dark:text-amber-300">{e.disabled_reason}</p>
          ) : null}
          {/* Above the full-card link so the "+N more" toggle stays clickable. */}
          <div className="relative z-10">
            <EventChips types={e.event_types} />
          </div>
        </div>
        <dl className="grid shrink-0 grid-cols-2 gap-x-6 gap-y-1 text-sm sm:text-right">
          <dt className="text-zinc-500 dark:text-zinc-400">Success (24 h)</dt>
          <dd>
            <SuccessRate rate={e.stats?.success_rate_24h} />
            {e.stats?.deliveries_24h ? (
              <span className="block text-xs text-zinc-500 dark:text-zinc-400">
                {e.stats.deliveries_24h} deliveries
              </span>
            ) : null}
          </dd>
          <dt className="text-zinc-500 dark:text-zinc-400">Last delivery</dt>
          <dd className="flex flex-col items-start gap-0.5 sm:items-end">
            {last ? (
              <>
                <DeliveryStatusBadge status={last.status} />
                <RelativeTime iso={last.at} className="text-xs text-zinc-500 dark:text-zinc-400" />
              </>
            ) : (
              <span className="text-zinc-500 dark:text-zinc-400">Never</span>
            )}
          </dd>
        </dl>
      </div>
    </Card>
  );
}
