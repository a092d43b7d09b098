"use client";

import { Inbox } from "lucide-react";
import { useState } from "react";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { LoadMore } from "@/components/ui/load-more";
import { SkeletonRows } from "@/components/ui/skeleton";
import { useDeliveries } from "@/lib/api-client/use-deliveries";
import { useCanManage } from "@/lib/api-client/use-me";
import { BulkRetry } from "./bulk-retry";
import { DeliveryFilters, EMPTY_FILTERS, toQuery, type FilterInputs } from "./delivery-filters";
import { DeliveryTable } from "./delivery-table";

/** The delivery log: org-wide, or one endpoint's when `endpointId` is given. */
export function DeliveryLog({ endpointId }: { endpointId?: string }) {
  const [filters, setFilters] = useState<FilterInputs>(EMPTY_FILTERS);
  const canManage = useCanManage();
  const query = useDeliveries(toQuery(filters, endpointId));
  // Only failed deliveries are retried: offered when the log shows them.
  const canBulkRetry = canManage && (filters.status === "" || filters.status === "failed");
  const rows = query.data?.pages.flatMap((p) => p.data) ?? [];
  const pending = rows.some((d) => d.status === "pending");
  return (
    <div className="space-y-4">
      <DeliveryFilters value={filters} onChange={setFilters} showEndpoint={!endpointId} />
      {canBulkRetry ? <BulkRetry filters={toQuery(filters, endpointId)} /> : null}
      <p aria-live="polite" className="text-xs text-zinc-600 dark:text-zinc-400">
        {pending ? "Some deliveries are in progress; this list refreshes every few seconds." : ""}
      </p>
      {query.isPending ? (
        <SkeletonRows rows={5} label="Loading deliveries" />
      ) : query.error ? (
        <ErrorState error={query.error} what="deliveries" onRetry={() => void query.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState
          icon={Inbox}
          title={Object.values(filters).some(Boolean) ? "No deliveries match these filters" : "No deliveries yet"}
        >
          Deliveries appear here when an event is sent: a test ping, a sample event, or real activity such as a new
          lead.
        </EmptyState>
      ) : (
        <>
          <DeliveryTable rows={rows} showEndpoint={!endpointId} canRetry={canManage} />
          <LoadMore query={query} />
        </>
      )}
    </div>
  );
}
