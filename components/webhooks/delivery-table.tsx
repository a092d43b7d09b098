"use client";

import Link from "next/link";
import { cell, DataTable } from "@/components/ui/data-table";
import { RelativeTime } from "@/components/ui/relative-time";
import { useOrg } from "@/lib/api-client/org-context";
import type { Delivery } from "@/lib/api-client/types";
import { RetryButton } from "./retry-button";
import { DeliveryStatusBadge } from "./status-badges";
import { webhooksPath } from "./webhook-links";

export function DeliveryTable({
  rows,
  showEndpoint,
  canRetry,
}: {
  rows: Delivery[];
  showEndpoint: boolean;
  canRetry: boolean;
}) {
  const org = useOrg();
  return (
    <DataTable
      label="Deliveries"
      caption="Deliveries, newest first"
      columns={[
        "Status",
        "Event",
        showEndpoint && "Endpoint",
        "Attempts",
        "Response",
        "Created",
        { hidden: "Actions" },
      ]}
    >
      {rows.map((d) => (
        <tr
          key={d.id}
          data-testid="delivery-row"
          data-status={d.status}
          className="hover:bg-zinc-50 dark:hover:bg-zinc-800/40"
        >
          <td className={cell}>
            <DeliveryStatusBadge status={d.status} />
          </td>
          <td className={cell}>
            <Link
              href={webhooksPath(org, `/deliveries/${d.id}`)}
              className="font-mono font-medium text-brand-700 hover:underline dark:text-brand-100"
            >
              {d.event_type}
            </Link>
            {d.is_test ? <span className="ml-2 text-xs text-zinc-500 dark:text-zinc-400">test</span> : null}
          </td>
          {showEndpoint ? (
            <td className={`${cell} max-w-56 truncate font-mono text-xs`} title={d.endpoint_url ?? undefined}>
              {d.endpoint_url}
            </td>
          ) : null}
          <td className={`${cell} tabular-nums`}>{d.attempt_count}</td>
          <td className={`${cell} font-mono`}>
            {d.last_status_code ??
              (d.last_error ? <span className="text-red-700 dark:text-red-400">{d.last_error}</span> : "—")}
          </td>
          <td className={`${cell} whitespace-nowrap text-zinc-600 dark:text-zinc-400`}>
            <RelativeTime iso={d.created_at} />
          </td>
          <td className={`${cell} text-right`}>
            {canRetry && d.status === "failed" ? <RetryButton id={d.id} /> : null}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
