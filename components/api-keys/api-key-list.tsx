"use client";

import { KeyRound } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { RelativeTime } from "@/components/ui/relative-time";
import { SkeletonRows } from "@/components/ui/skeleton";
import { useApiKeys, useRevokeApiKey } from "@/lib/api-client/use-api-keys";
import { useCanManage } from "@/lib/api-client/use-me";
import { CreateApiKeyDialog } from "./create-api-key-dialog";

const th = "px-4 py-3 font-medium whitespace-nowrap";

export function ApiKeyList() {
  const canManage = useCanManage();
  const { data, error, isPending, refetch } = useApiKeys();
  const revoke = useRevokeApiKey();
  return (
    <div className="space-y-4">
      {canManage ? (
        <div className="flex justify-end">
          <CreateApiKeyDialog />
        </div>
      ) : (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Your role can see the keys but not create or revoke them.
        </p>
      )}
      {isPending ? (
        <SkeletonRows rows={3} label="Loading API keys" />
      ) : error ? (
        <ErrorState error={error} what="API keys" onRetry={() => void refetch()} />
      ) : data.length === 0 ? (
        <EmptyState icon={KeyRound} title="No API keys yet">
          An API key lets your own code, Zapier or Make manage webhooks and read the delivery log through the REST API.
        </EmptyState>
      ) : (
        <div
          role="region"
          aria-label="API keys"
          tabIndex={0}
          className="overflow-x-auto rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900"
        >
          <table className="w-full min-w-[720px] text-left text-sm">
            <thead className="border-b border-zinc-200 text-xs text-zinc-600 uppercase dark:border-zinc-800 dark:text-zinc-400">
              <tr>
                <th scope="col" className={th}>
                  Name
                </th>
                <th scope="col" className={th}>
                  Key
                </th>
                <th scope="col" className={th}>
                  Access
                </th>
                <th scope="col" className={th}>
                  Created
                </th>
                <th scope="col" className={th}>
                  Expires
                </th>
                <th scope="col" className={th}>
                  Last used
                </th>
                <th scope="col" className={th}>
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
              {data.map((k) => (
                <tr key={k.id}>
                  <td className="px-4 py-3 font-medium">
                    {k.name} {k.revoked_at ? <Badge tone="neutral">Revoked</Badge> : null}
                  </td>
                  <td className="px-4 py-3 font-mono text-xs">{k.prefix}…</td>
                  <td className="px-4 py-3">
                    <Badge tone="neutral">{k.scope === "manage" ? "Manage" : "Read only"}</Badge>
                  </td>
                  <td className="px-4 py-3 text-zinc-600 dark:text-zinc-400">
                    <RelativeTime iso={k.created_at} />
                  </td>
                  <td className="px-4 py-3 text-zinc-600 dark:text-zinc-400">
                    {k.expires_at ? <RelativeTime iso={k.expires_at} /> : "Never"}
                  </td>
                  <td className="px-4 py-3 text-zinc-600 dark:text-zinc-400">
                    {k.last_used_at ? <RelativeTime iso={k.last_used_at} /> : "Never"}
                  </td>
                  <td className="px-4 py-3 text-right">
                    {canManage && !k.revoked_at ? (
                      <ConfirmDialog
                        trigger={
                          <Button variant="secondary" size="sm" aria-label={`Revoke ${k.name}`}>
                            Revoke
                          </Button>
                        }
                        title={`Revoke “${k.name}”?`}
                        description="Requests with this key are refused from now on. This cannot be undone."
                        confirmLabel="Revoke key"
                        onConfirm={() => revoke.mutateAsync(k.id)}
                      />
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
