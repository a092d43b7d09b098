"use client";

import Link from "next/link";
import { RelativeTime } from "@/components/ui/relative-time";
import { useOrg } from "@/lib/api-client/org-context";
import type { Delivery } from "@/lib/api-client/types";
import { RetryButton } from "./retry-button";
import { DeliveryStatusBadge } from "./status-badges";
import { webhooksPath } from "./webhook-links";

const th = "px-3 py-2.5 font-medium whitespace-nowrap";
const td = "px-3 py-2.5 align-top";

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
    <div
      role="region"
      aria-label="Deliveries"
      tabIndex={0}
      className="overflow-x-auto rounded-md border border-zinc-200 dark:border-zinc-800"
    >
      <table className="w-full min-w-[640px] text-left text-sm">
        <caption className="sr-only">Deliveries, newest first</caption>
        <thead className="border-b border-zinc-200 bg-zinc-50 text-xs text-zinc-600 uppercase dark:border-zinc-800 dark:bg-zinc-950 dark:text-zinc-400">
          <tr>
            <th scope="col" className={th}>
              Status
            </th>
            <th scope="col" className={th}>
              Event
            </th>
            {showEndpoint ? (
              <th scope="col" className={th}>
                Endpoint
              </th>
            ) : null}
            <th scope="col" className={th}>
              Attempts
            </th>
            <th scope="col" className={th}>
              Response
            </th>
            <th scope="col" className={th}>
              Created
            </th>
            <th scope="col" className={th}>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {rows.map((d) => (
            <tr
              key={d.id}
              data-testid="delivery-row"
              data-status={d.status}
              className="hover:bg-zinc-50 dark:hover:bg-zinc-800/40"
            >
              <td className={td}>
                <DeliveryStatusBadge status={d.status} />
              </td>
              <td className={td}>
                <Link
                  href={webhooksPath(org, `/deliveries/${d.id}`)}
                  className="font-mono font-medium text-brand-700 hover:underline dark:text-brand-100"
                >
                  {d.event_type}
                </Link>
                {d.is_test ? <span className="ml-2 text-xs text-zinc-500 dark:text-zinc-400">test</span> : null}
              </td>
              {showEndpoint ? (
                <td className={`${td} max-w-56 truncate font-mono text-xs`} title={d.endpoint_url ?? undefined}>
                  {d.endpoint_url}
                </td>
              ) : null}
              <td className={`${td} tabular-nums`}>{d.attempt_count}</td>
              <td className={`${td} font-mono`}>
                {d.last_status_code ??
                  (d.last_error ? <span className="text-red-700 dark:text-red-400">{d.last_error}</span> : "—")}
              </td>
              <td className={`${td} whitespace-nowrap text-zinc-600 dark:text-zinc-400`}>
                <RelativeTime iso={d.created_at} />
              </td>
              <td className={`${td} text-right`}>
                {canRetry && d.status === "failed" ? <RetryButton id={d.id} /> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
