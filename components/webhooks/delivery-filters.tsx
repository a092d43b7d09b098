"use client";

import { Field } from "@/components/ui/field";
import { NativeSelect } from "@/components/ui/native-select";
import { ClearFilters, TimeRangeFilter, toIso } from "@/components/ui/time-range-filter";
import { useEndpoints } from "@/lib/api-client/use-endpoints";
import type { DeliveryFilters as Filters, DeliveryStatus } from "@/lib/api-client/types";
import { EventTypeFilter } from "./event-type-filter";

export type FilterInputs = { status: string; event_type: string; endpoint_id: string; since: string; until: string };
export const EMPTY_FILTERS: FilterInputs = { status: "", event_type: "", endpoint_id: "", since: "", until: "" };

export function toQuery(f: FilterInputs, endpointId?: string): Filters {
  return {
    status: (f.status || undefined) as DeliveryStatus | undefined,
    event_type: f.event_type || undefined,
    endpoint_id: endpointId ?? (f.endpoint_id || undefined),
    since: toIso(f.since),
    until: toIso(f.until),
  };
}

export function DeliveryFilters({
  value,
  onChange,
  showEndpoint,
}: {
  value: FilterInputs;
  onChange: (next: FilterInputs) => void;
  showEndpoint: boolean;
}) {
  const { data: endpoints } = useEndpoints();
  const set = (key: keyof FilterInputs) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
    onChange({ ...value, [key]: e.target.value });
  return (
    <div className="flex flex-wrap items-end gap-3" role="group" aria-label="Filter deliveries">
      <Field id="filter-status" label="Status" className="w-36">
        <NativeSelect id="filter-status" value={value.status} onChange={set("status")}>
          <option value="">All</option>
          <option value="pending">Pending</option>
          <option value="succeeded">Succeeded</option>
          <option value="failed">Failed</option>
        </NativeSelect>
      </Field>
      <EventTypeFilter
        id="filter-event"
        value={value.event_type}
        onChange={(event_type) => onChange({ ...value, event_type })}
      />
      {showEndpoint ? (
        <Field id="filter-endpoint" label="Endpoint" className="w-64 max-w-full">
          <NativeSelect id="filter-endpoint" value={value.endpoint_id} onChange={set("endpoint_id")}>
            <option value="">All</option>
            {(endpoints ?? []).map((e) => (
              <option key={e.id} value={e.id}>
                {e.url}
              </option>
            ))}
          </NativeSelect>
        </Field>
      ) : null}
      <TimeRangeFilter idPrefix="filter" value={value} onChange={(range) => onChange({ ...value, ...range })} />
      <ClearFilters active={Object.values(value).some(Boolean)} onClear={() => onChange(EMPTY_FILTERS)} />
    </div>
  );
}
