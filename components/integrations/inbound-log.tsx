"use client";

import { Inbox } from "lucide-react";
import { usePathname, useRouter } from "next/navigation";
import { useState } from "react";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { Field } from "@/components/ui/field";
import { LoadMore } from "@/components/ui/load-more";
import { NativeSelect } from "@/components/ui/native-select";
import { SkeletonRows } from "@/components/ui/skeleton";
import { Switch } from "@/components/ui/switch";
import { ClearFilters } from "@/components/ui/time-range-filter";
import { useConnections } from "@/lib/api-client/use-connections";
import { useInboundRequests } from "@/lib/api-client/use-inbound-requests";
import type { InboundFilters } from "@/lib/api-client/types";
import { OUTCOME_OPTIONS } from "./inbound-badges";
import { InboundTable } from "./inbound-table";
import { SOURCE_LABELS } from "./provider-catalogue";

const AUTO_REFRESH_MS = 5_000;

/** Every inbound request of the organization; the filters live in the URL so a view can be shared or linked. */
export function InboundLog({ initial }: { initial: InboundFilters }) {
  const router = useRouter();
  const pathname = usePathname();
  const [filters, setFilters] = useState<InboundFilters>(initial);
  const [autoRefresh, setAutoRefresh] = useState(false);
  const connections = useConnections();
  const query = useInboundRequests(filters, { refreshMs: autoRefresh ? AUTO_REFRESH_MS : false });
  const rows = query.data?.pages.flatMap((p) => p.data) ?? [];
  const active = Object.values(filters).some(Boolean);

  function change(next: InboundFilters) {
    const clean = Object.fromEntries(Object.entries(next).filter(([, v]) => v)) as InboundFilters;
    setFilters(clean);
    const qs = new URLSearchParams(clean).toString();
    router.replace(qs ? `${pathname}?${qs}` : pathname, { scroll: false });
  }
  const set = (key: keyof InboundFilters) => (e: React.ChangeEvent<HTMLSelectElement>) =>
    change({ ...filters, [key]: e.target.value });

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end gap-3" role="group" aria-label="Filter inbound requests">
        <Field id="inbound-source" label="Source" className="w-40">
          <NativeSelect id="inbound-source" value={filters.source ?? ""} onChange={set("source")}>
            <option value="">All</option>
            {Object.entries(SOURCE_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </NativeSelect>
        </Field>
        <Field id="inbound-outcome" label="Outcome" className="w-40">
          <NativeSelect id="inbound-outcome" value={filters.outcome ?? ""} onChange={set("outcome")}>
            <option value="">All</option>
            {OUTCOME_OPTIONS.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </NativeSelect>
        </Field>
        {connections.data?.length || filters.connection_id ? (
          <Field id="inbound-connection" label="Connection" className="w-64 max-w-full">
            <NativeSelect id="inbound-connection" value={filters.connection_id ?? ""} onChange={set("connection_id")}>
              <option value="">All</option>
              {(connections.data ?? []).map((c) => (
                <option key={c.id} value={c.id}>
                  {SOURCE_LABELS[c.provider]}: {c.name}
                </option>
              ))}
              {filters.connection_id && !connections.data?.some((c) => c.id === filters.connection_id) ? (
                <option value={filters.connection_id}>Deleted connection</option>
              ) : null}
            </NativeSelect>
          </Field>
        ) : null}
        <ClearFilters active={active} onClear={() => change({})} />
        <label className="flex h-10 sm:ml-auto items-center gap-2 text-sm font-medium">
          <Switch checked={autoRefresh} onCheckedChange={setAutoRefresh} aria-describedby="inbound-refresh-hint" />
          Auto-refresh
        </label>
      </div>
      <p id="inbound-refresh-hint" aria-live="polite" className="text-xs text-zinc-600 dark:text-zinc-400">
        {autoRefresh
          ? "New requests appear every few seconds."
          : "Turn on auto-refresh to watch requests arrive while you set up an integration."}
      </p>
      {query.isPending ? (
        <SkeletonRows rows={5} label="Loading inbound requests" />
      ) : query.error ? (
        <ErrorState error={query.error} what="inbound requests" onRetry={() => void query.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState icon={Inbox} title={active ? "No requests match these filters" : "No inbound requests yet"}>
          Every request the AI agent, Cal.com, Varda or Brevo sends to Empfio is listed here, including refused ones
          with the reason.
        </EmptyState>
      ) : (
        <>
          <InboundTable rows={rows} label="Inbound requests" connections={connections.data} />
          <LoadMore query={query} />
        </>
      )}
    </div>
  );
}
