"use client";

import { cell, DataTable } from "@/components/ui/data-table";
import { RelativeTime } from "@/components/ui/relative-time";
import { useOrg } from "@/lib/api-client/org-context";
import type { Connection, InboundRequest } from "@/lib/api-client/types";
import { OutcomeBadge, VerificationBadge } from "./inbound-badges";
import { InboundEffects } from "./inbound-effects";
import { SOURCE_LABELS } from "./provider-catalogue";

type Props = {
  rows: InboundRequest[];
  label: string;
  /** One connection's recent requests: no source and effects columns. */
  compact?: boolean;
  connections?: Connection[];
};

export function InboundTable({ rows, label, compact = false, connections = [] }: Props) {
  const org = useOrg();
  const names = new Map(connections.map((c) => [c.id, c.name]));
  return (
    <DataTable
      label={label}
      caption={`${label}, newest first`}
      columns={["Received", !compact && "Source", "Event", "Verification", "Outcome", "Reason", !compact && "Result"]}
      minWidth={compact ? "min-w-[560px]" : "min-w-[860px]"}
    >
      {rows.map((r) => (
        <tr key={r.id} data-testid="inbound-row" data-outcome={r.outcome}>
          <td className={`${cell} whitespace-nowrap text-zinc-600 dark:text-zinc-400`}>
            <RelativeTime iso={r.received_at} />
            <span className="block text-xs tabular-nums">{r.duration_ms} ms</span>
          </td>
          {compact ? null : (
            <td className={cell}>
              <span className="font-medium">{SOURCE_LABELS[r.source] ?? r.source}</span>
              {r.connection_id ? (
                <span
                  className="block max-w-40 truncate text-xs text-zinc-500 dark:text-zinc-400"
                  title={r.connection_id}
                >
                  {names.get(r.connection_id) ?? "Deleted connection"}
                </span>
              ) : null}
            </td>
          )}
          <td className={`${cell} font-mono text-xs`}>
            {r.event_type ?? <span className="text-zinc-500 dark:text-zinc-400">—</span>}
          </td>
          <td className={cell}>
            <VerificationBadge verification={r.verification} />
          </td>
          <td className={cell}>
            <OutcomeBadge outcome={r.outcome} />
            <span className="block pt-0.5 font-mono text-xs text-zinc-500 dark:text-zinc-400">
              HTTP {r.http_status}
            </span>
          </td>
          <td className={`${cell} min-w-52 max-w-sm text-zinc-700 dark:text-zinc-300`}>
            {r.reason ?? <span className="text-zinc-500 dark:text-zinc-400">—</span>}
          </td>
          {compact ? null : (
            <td className={cell}>
              <InboundEffects org={org} effects={r.effects} />
            </td>
          )}
        </tr>
      ))}
    </DataTable>
  );
}
