"use client";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { RelativeTime } from "@/components/ui/relative-time";
import { useDeleteConnection } from "@/lib/api-client/use-connections";
import type { Connection } from "@/lib/api-client/types";
import { AUTH_LABELS, connectionUrls, PROVIDERS } from "./provider-catalogue";
import { RecentRequests } from "./recent-requests";
import { UrlList } from "./url-list";

export function ConnectionItem({ connection: c, canManage }: { connection: Connection; canManage: boolean }) {
  const remove = useDeleteConnection();
  const { label } = PROVIDERS[c.provider];
  return (
    <article aria-label={`${label} connection ${c.name}`} data-testid="connection" className="space-y-3">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 space-y-1">
          <p className="font-medium break-words">{c.name}</p>
          <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-zinc-600 dark:text-zinc-400">
            <Badge tone="neutral">{AUTH_LABELS[c.auth] ?? c.auth}</Badge>
            <span>Last received: {c.last_received_at ? <RelativeTime iso={c.last_received_at} /> : "never"}</span>
            <span>
              Added <RelativeTime iso={c.created_at} />
            </span>
          </p>
        </div>
        {canManage ? (
          <ConfirmDialog
            trigger={
              <Button variant="secondary" size="sm" aria-label={`Delete ${c.name}`}>
                Delete
              </Button>
            }
            title={`Delete “${c.name}”?`}
            description={`Requests to its URL are refused from now on, so remove the webhook in ${label} too. Requests already received stay in the inbound log.`}
            confirmLabel="Delete connection"
            onConfirm={() => remove.mutateAsync(c.id)}
          />
        ) : null}
      </div>
      <UrlList urls={connectionUrls(c)} />
      <RecentRequests connection={c} />
    </article>
  );
}
