"use client";

import { ChevronDown, ListTree } from "lucide-react";
import Link from "next/link";
import { useId, useState } from "react";
import { ErrorState } from "@/components/ui/error-state";
import { SkeletonRows } from "@/components/ui/skeleton";
import { useOrg } from "@/lib/api-client/org-context";
import { useInboundRequests } from "@/lib/api-client/use-inbound-requests";
import type { Connection } from "@/lib/api-client/types";
import { cn } from "@/lib/cn";
import { InboundTable } from "./inbound-table";
import { inboundLogPath, PROVIDERS } from "./provider-catalogue";

const RECENT = 10;
// While open, the list refreshes so an owner watching a test delivery arrive sees it without reloading.
const REFRESH_MS = 5_000;

/** A connection's last requests, behind a disclosure so the page stays short. */
export function RecentRequests({ connection }: { connection: Connection }) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  return (
    <div>
      <button
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen(!open)}
        className="inline-flex items-center gap-1 rounded-md text-sm font-medium text-brand-700 hover:underline dark:text-brand-100"
      >
        <ChevronDown aria-hidden className={cn("size-4 transition-transform", open && "rotate-180")} />
        Recent requests
      </button>
      {open ? (
        <div id={panelId} className="mt-3">
          <RecentRequestsList connection={connection} />
        </div>
      ) : null}
    </div>
  );
}

function RecentRequestsList({ connection }: { connection: Connection }) {
  const org = useOrg();
  const query = useInboundRequests({ connection_id: connection.id }, { pageSize: RECENT, refreshMs: REFRESH_MS });
  if (query.isPending) return <SkeletonRows rows={2} label="Loading recent requests" />;
  if (query.error)
    return <ErrorState error={query.error} what="recent requests" onRetry={() => void query.refetch()} />;
  const rows = query.data.pages[0]?.data ?? [];
  return (
    <div className="space-y-2">
      {rows.length === 0 ? (
        <p className="rounded-md border border-dashed border-zinc-300 px-4 py-6 text-center text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
          Nothing received yet. Once {PROVIDERS[connection.provider].label} sends to this URL, each request shows here,
          refused ones with the reason.
        </p>
      ) : (
        <InboundTable rows={rows} label={`Recent requests to ${connection.name}`} compact />
      )}
      <Link
        href={inboundLogPath(org, { connection_id: connection.id })}
        className="inline-flex items-center gap-1 text-sm font-medium text-brand-700 hover:underline dark:text-brand-100"
      >
        <ListTree aria-hidden className="size-4" /> All requests to this connection
      </Link>
    </div>
  );
}
