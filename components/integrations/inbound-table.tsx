"use client";

import { RelativeTime } from "@/components/ui/relative-time";
import { useOrg } from "@/lib/api-client/org-context";
import type { Connection, InboundRequest } from "@/lib/api-client/types";
import { OutcomeBadge, VerificationBadge } from "./inbound-badges";
import { InboundEffects } from "./inbound-effects";
import { SOURCE_LABELS } from "./provider-catalogue";

const th = "px-3 py-2.5 font-medium whitespace-nowrap";
const td = "px-3 py-2.5 align-top";

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
    <div
      role="region"
      aria-label={label}
      tabIndex={0}
      className="overflow-x-auto rounded-md border border-zinc-200 dark:border-zinc-800"
    >
      <table className={`w-full text-left text-sm ${compact ? "min-w-[560px]" : "min-w-[860px]"}`}>
        <caption className="sr-only">{label}, newest first</caption>
        <thead className="border-b border-zinc-200 bg-zinc-50 text-xs text-zinc-600 uppercase dark:border-zinc-800 dark:bg-zinc-950 dark:text-zinc-400">
          <tr>
            <th scope="col" className={th}>
              Received
            </th>
            {compact ? null : (
              <th scope="col" className={th}>
                Source
              </th>
            )}
            <th scope="col" className={th}>
              Event
            </th>
            <th scope="col" className={th}>
              Verification
            </th>
            <th scope="col" className={th}>
              Outcome
            </th>
            <th scope="col" className={th}>
              Reason
            </th>
            {compact ? null : (
              <th scope="col" className={th}>
                Result
              </th>
            )}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {rows.map((r) => (
            <tr key={r.id} data-testid="inbound-row" data-outcome={r.outcome}>
              <td className={`${td} whitespace-nowrap text-zinc-600 dark:text-zinc-400`}>
                <RelativeTime iso={r.received_at} />
                <span className="block text-xs tabular-nums">{r.duration_ms} ms</span>
              </td>
              {compact ? null : (
                <td className={td}>
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
              <td className={`${td} font-mono text-xs`}>
                {r.event_type ?? <span className="text-zinc-500 dark:text-zinc-400">—</span>}
              </td>
              <td className={td}>
                <VerificationBadge verification={r.verification} />
              </td>
              <td className={td}>
                <OutcomeBadge outcome={r.outcome} />
                <span className="block pt-0.5 font-mono text-xs text-zinc-500 dark:text-zinc-400">
                  HTTP {r.http_status}
                </span>
              </td>
              <td className={`${td} min-w-52 max-w-sm text-zinc-700 dark:text-zinc-300`}>
                {r.reason ?? <span className="text-zinc-500 dark:text-zinc-400">—</span>}
              </td>
              {compact ? null : (
                <td className={td}>
                  <InboundEffects org={org} effects={r.effects} />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
