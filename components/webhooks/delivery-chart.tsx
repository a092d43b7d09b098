"use client";

import { useState } from "react";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { ErrorState } from "@/components/ui/error-state";
import { Skeleton } from "@/components/ui/skeleton";
import { useEndpointStats } from "@/lib/api-client/use-endpoints";
import type { StatsBucket, StatsRange } from "@/lib/api-client/types";
import { cn } from "@/lib/cn";

const RANGES: { value: StatsRange; label: string }[] = [
  { value: "24h", label: "24 hours" },
  { value: "7d", label: "7 days" },
];

// Colours readable on both themes; the legend and summary carry the meaning, not colour alone.
const SERIES = [
  { key: "succeeded", name: "Succeeded", color: "#059669" },
  { key: "failed", name: "Failed", color: "#dc2626" },
  { key: "pending", name: "Pending", color: "#d97706" },
] as const;

function tickLabel(iso: string, range: StatsRange): string {
  const d = new Date(iso);
  return range === "24h"
    ? d.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" })
    : d.toLocaleDateString(undefined, { weekday: "short", day: "numeric" });
}

export function DeliveryChart({ id }: { id: string }) {
  const [range, setRange] = useState<StatsRange>("24h");
  const { data, error, isPending, refetch } = useEndpointStats(id, range);
  return (
    <div className="space-y-3">
      <div
        role="group"
        aria-label="Time range"
        className="inline-flex rounded-md border border-zinc-300 p-0.5 dark:border-zinc-700"
      >
        {RANGES.map((r) => (
          <button
            key={r.value}
            type="button"
            aria-pressed={range === r.value}
            onClick={() => setRange(r.value)}
            className={cn(
              "rounded px-3 py-1 text-sm font-medium",
              range === r.value
                ? "bg-brand-600 text-white"
                : "text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800",
            )}
          >
            {r.label}
          </button>
        ))}
      </div>
      {isPending ? (
        <Skeleton className="h-56 w-full" />
      ) : error ? (
        <ErrorState error={error} what="delivery statistics" onRetry={() => void refetch()} />
      ) : (
        <Chart buckets={data.buckets} range={range} />
      )}
    </div>
  );
}

function Chart({ buckets, range }: { buckets: StatsBucket[]; range: StatsRange }) {
  const totals = SERIES.map((s) => ({ ...s, total: buckets.reduce((n, b) => n + b[s.key], 0) }));
  const summary = totals.map((t) => `${t.total} ${t.name.toLowerCase()}`).join(", ");
  return (
    <figure>
      <div className="h-56 w-full text-xs" aria-hidden>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart accessibilityLayer={false} data={buckets} margin={{ top: 4, right: 4, bottom: 0, left: -20 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="currentColor" strokeOpacity={0.15} vertical={false} />
            <XAxis
              dataKey="start"
              tickFormatter={(v: string) => tickLabel(v, range)}
              stroke="currentColor"
              strokeOpacity={0.5}
              minTickGap={24}
            />
            <YAxis allowDecimals={false} stroke="currentColor" strokeOpacity={0.5} />
            <Tooltip
              labelFormatter={(v) =>
                new Date(String(v)).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" })
              }
              contentStyle={{ background: "var(--color-zinc-900)", border: "none", borderRadius: 6, color: "white" }}
              cursor={{ fill: "currentColor", fillOpacity: 0.06 }}
            />
            <Legend />
            {SERIES.map((s) => (
              <Bar
                key={s.key}
                dataKey={s.key}
                name={s.name}
                stackId="outcome"
                fill={s.color}
                isAnimationActive={false}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
        Last {range === "24h" ? "24 hours" : "7 days"}: {summary}.
      </figcaption>
    </figure>
  );
}
