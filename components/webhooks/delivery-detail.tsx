"use client";

import Link from "next/link";
import { CodeBlock, prettyJson } from "@/components/ui/code-block";
import { ErrorState } from "@/components/ui/error-state";
import { RelativeTime } from "@/components/ui/relative-time";
import { SkeletonRows } from "@/components/ui/skeleton";
import { useOrg } from "@/lib/api-client/org-context";
import { useDelivery } from "@/lib/api-client/use-deliveries";
import { useCanManage } from "@/lib/api-client/use-me";
import { AttemptTimeline } from "./attempt-timeline";
import { RetryButton } from "./retry-button";
import { Section } from "./section";
import { DeliveryStatusBadge } from "./status-badges";
import { webhooksPath } from "./webhook-links";

export function DeliveryDetail({ id }: { id: string }) {
  const org = useOrg();
  const canManage = useCanManage();
  const { data, error, isPending, refetch } = useDelivery(id);
  if (isPending) return <SkeletonRows rows={5} label="Loading delivery" />;
  if (error) return <ErrorState error={error} what="the delivery" onRetry={() => void refetch()} />;
  const { delivery: d, event, attempts } = data;
  return (
    <div className="space-y-6">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0 space-y-1">
          <div className="flex items-center gap-2" aria-live="polite">
            <DeliveryStatusBadge status={d.status} />
            <span className="text-sm text-zinc-600 dark:text-zinc-400">
              {d.attempt_count} attempt{d.attempt_count === 1 ? "" : "s"}
            </span>
          </div>
          <h1 className="font-mono text-xl font-semibold">{d.event_type}</h1>
          <p className="text-sm break-all text-zinc-600 dark:text-zinc-400">
            to{" "}
            <Link
              href={webhooksPath(org, `/${d.endpoint_id}`)}
              className="font-mono text-brand-700 hover:underline dark:text-brand-100"
            >
              {d.endpoint_url}
            </Link>{" "}
            · created <RelativeTime iso={d.created_at} />
          </p>
          <p className="text-xs text-zinc-500 dark:text-zinc-400">
            Delivery <span className="font-mono">{d.id}</span> · event{" "}
            <Link
              href={webhooksPath(org, `/events/${event.id}`)}
              className="font-mono text-brand-700 hover:underline dark:text-brand-100"
            >
              {event.id}
            </Link>
            {d.is_replay ? " · a replay" : null}
          </p>
        </div>
        {canManage && d.status !== "succeeded" ? <RetryButton id={d.id} size="md" /> : null}
      </div>
      <Section title="Attempts" description="Each try, oldest first: when, how long, and what your server answered.">
        <AttemptTimeline attempts={attempts} delivery={d} />
      </Section>
      <Section title="Event payload" description="The exact JSON body Empfio sends, pretty-printed.">
        <CodeBlock code={prettyJson(event.payload)} label="Event payload" />
      </Section>
    </div>
  );
}
