"use client";

import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { ErrorState } from "@/components/ui/error-state";
import { SkeletonRows } from "@/components/ui/skeleton";
import { useConnections } from "@/lib/api-client/use-connections";
import { useCanManage } from "@/lib/api-client/use-me";
import type { Connection, ConnectionProvider } from "@/lib/api-client/types";
import { AddConnectionDialog } from "./add-connection-dialog";
import { ConnectionItem } from "./connection-item";
import { PROVIDERS } from "./provider-catalogue";

const ORDER: ConnectionProvider[] = ["calcom", "varda", "brevo"];

/** One panel per provider with its connections (newest first, as the API lists them). */
export function ConnectionsSection() {
  const canManage = useCanManage();
  const { data, error, isPending, refetch } = useConnections();
  return (
    <section aria-labelledby="connections-heading" className="space-y-4">
      <div>
        <h2 id="connections-heading" className="text-lg font-semibold">
          Connections
        </h2>
        <p className="mt-0.5 text-sm text-zinc-600 dark:text-zinc-400">
          Cal.com, Varda and Brevo send their events to Empfio: they become leads, bookings and conversations here, and
          reach your webhooks as Empfio events.
          {canManage ? null : " Your role can see connections but not add or delete them."}
        </p>
      </div>
      {isPending ? (
        <SkeletonRows rows={3} label="Loading connections" />
      ) : error ? (
        <ErrorState error={error} what="connections" onRetry={() => void refetch()} />
      ) : (
        <div className="space-y-4">
          {ORDER.map((provider) => (
            <ProviderPanel
              key={provider}
              provider={provider}
              connections={data.filter((c) => c.provider === provider)}
              canManage={canManage}
            />
          ))}
        </div>
      )}
    </section>
  );
}

function ProviderPanel({
  provider,
  connections,
  canManage,
}: {
  provider: ConnectionProvider;
  connections: Connection[];
  canManage: boolean;
}) {
  const { label, icon: Icon, summary } = PROVIDERS[provider];
  const headingId = `provider-${provider}`;
  return (
    <Card>
      <section aria-labelledby={headingId}>
        <div className="flex flex-col gap-3 p-4 sm:flex-row sm:items-start sm:justify-between sm:p-5">
          <div className="flex min-w-0 gap-3">
            <Icon aria-hidden className="mt-0.5 size-6 shrink-0 text-brand-600" />
            <div className="min-w-0 space-y-1">
              <div className="flex flex-wrap items-center gap-2">
                <h3 id={headingId} className="font-semibold">
                  {label}
                </h3>
                {connections.length ? (
                  <Badge tone="success">
                    {connections.length} connection{connections.length === 1 ? "" : "s"}
                  </Badge>
                ) : (
                  <Badge tone="neutral">Not connected</Badge>
                )}
              </div>
              <p className="text-sm text-zinc-600 dark:text-zinc-400">{summary}</p>
            </div>
          </div>
          {canManage ? (
            <div className="shrink-0">
              <AddConnectionDialog provider={provider} />
            </div>
          ) : null}
        </div>
        {connections.length ? (
          <ul
            aria-label={`${label} connections`}
            className="divide-y divide-zinc-200 border-t border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800"
          >
            {connections.map((c) => (
              <li key={c.id} className="p-4 sm:px-5">
                <ConnectionItem connection={c} canManage={canManage} />
              </li>
            ))}
          </ul>
        ) : null}
      </section>
    </Card>
  );
}
