"use client";

import { Radio } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { cell, DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { LoadMore } from "@/components/ui/load-more";
import { RelativeTime } from "@/components/ui/relative-time";
import { SkeletonRows } from "@/components/ui/skeleton";
import { ClearFilters, TimeRangeFilter, toIso } from "@/components/ui/time-range-filter";
import { useOrg } from "@/lib/api-client/org-context";
import type { WebhookEvent } from "@/lib/api-client/types";
import { useEvents } from "@/lib/api-client/use-events";
import { EventTypeFilter } from "./event-type-filter";
import { webhooksPath } from "./webhook-links";

type Inputs = { type: string; since: string; until: string };
const EMPTY: Inputs = { type: "", since: "", until: "" };

/** Every event the organization emitted, newest first, with what became of its deliveries. */
export function EventLog() {
  const [inputs, setInputs] = useState<Inputs>(EMPTY);
  const query = useEvents({ type: inputs.type || undefined, since: toIso(inputs.since), until: toIso(inputs.until) });
  const rows = query.data?.pages.flatMap((p) => p.data) ?? [];
  const active = Object.values(inputs).some(Boolean);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end gap-3" role="group" aria-label="Filter events">
        <EventTypeFilter
          id="event-filter-type"
          value={inputs.type}
          onChange={(type) => setInputs({ ...inputs, type })}
        />
        <TimeRangeFilter
          idPrefix="event-filter"
          value={inputs}
          onChange={(range) => setInputs({ ...inputs, ...range })}
        />
        <ClearFilters active={active} onClear={() => setInputs(EMPTY)} />
      </div>
      {query.isPending ? (
        <SkeletonRows rows={5} label="Loading events" />
      ) : query.error ? (
        <ErrorState error={query.error} what="events" onRetry={() => void query.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState icon={Radio} title={active ? "No events match these filters" : "No events yet"}>
          Events appear here as things happen in Empfio: a new lead, a booking, an escalated conversation, or a sample
          you send to an endpoint.
        </EmptyState>
      ) : (
        <>
          <EventTable rows={rows} />
          <LoadMore query={query} />
        </>
      )}
    </div>
  );
}

function EventTable({ rows }: { rows: WebhookEvent[] }) {
  const org = useOrg();
  return (
    <DataTable
      label="Events"
      caption="Events, newest first"
      columns={["Event", "Deliveries", "Occurred"]}
      minWidth="min-w-[560px]"
    >
      {rows.map((e) => (
        <tr key={e.id} data-testid="event-row" className="hover:bg-zinc-50 dark:hover:bg-zinc-800/40">
          <td className={cell}>
            <Link
              href={webhooksPath(org, `/events/${e.id}`)}
              className="font-mono font-medium text-brand-700 hover:underline dark:text-brand-100"
            >
              {e.type}
            </Link>
            {e.endpoint_id ? (
              <span className="ml-2 text-xs text-zinc-500 dark:text-zinc-400">sample for one endpoint</span>
            ) : null}
          </td>
          <td className={cell}>
            <DeliveryCounts counts={e.deliveries} />
          </td>
          <td className={`${cell} whitespace-nowrap text-zinc-600 dark:text-zinc-400`}>
            <RelativeTime iso={e.occurred_at} />
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

function DeliveryCounts({ counts }: { counts: WebhookEvent["deliveries"] }) {
  if (counts.total === 0) return <span className="text-zinc-600 dark:text-zinc-400">None (no endpoint took it)</span>;
  const parts = [
    counts.succeeded
      ? { n: counts.succeeded, label: "succeeded", cls: "text-emerald-700 dark:text-emerald-400" }
      : null,
    counts.failed ? { n: counts.failed, label: "failed", cls: "text-red-700 dark:text-red-400" } : null,
    counts.pending ? { n: counts.pending, label: "pending", cls: "text-amber-800 dark:text-amber-300" } : null,
  ].filter((p) => p !== null);
  return (
    <span className="tabular-nums">
      {parts.map((p, i) => (
        <span key={p.label} className={p.cls}>
          {i > 0 ? <span className="text-zinc-400"> · </span> : null}
          {p.n} {p.label}
        </span>
      ))}
    </span>
  );
}
