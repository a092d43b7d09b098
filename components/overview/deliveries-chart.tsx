"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { Overview } from "@/lib/api-client/types";

type Hour = Overview["webhooks"]["deliveries_24h"][number];

// The same colours as the endpoint page's chart; the caption carries the figures in words.
const SERIES = [
  { key: "succeeded", name: "Succeeded", color: "#059669" },
  { key: "failed", name: "Failed", color: "#dc2626" },
  { key: "pending", name: "Pending", color: "#d97706" },
] as const;

/** Recharts is heavy: the Overview loads this with next/dynamic. */
export default function DeliveriesChart({ hours }: { hours: Hour[] }) {
  return (
    <div className="h-48 w-full text-xs" aria-hidden>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart accessibilityLayer={false} data={hours} margin={{ top: 4, right: 4, bottom: 0, left: -20 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="currentColor" strokeOpacity={0.15} vertical={false} />
          <XAxis
            dataKey="start"
            tickFormatter={(v: string) =>
              new Date(v).toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" })
            }
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
            <Bar key={s.key} dataKey={s.key} name={s.name} stackId="outcome" fill={s.color} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
