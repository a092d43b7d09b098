"use client";

import { KeyRound } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { cell, DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { RelativeTime } from "@/components/ui/relative-time";
import { SkeletonRows } from "@/components/ui/skeleton";
import { useApiKeys, useRevokeApiKey } from "@/lib/api-client/use-api-keys";
import { useCanManage } from "@/lib/api-client/use-me";
import { CreateApiKeyDialog } from "./create-api-key-dialog";

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
        <DataTable
          label="API keys"
          columns={["Name", "Key", "Access", "Created", "Expires", "Last used", { hidden: "Actions" }]}
          minWidth="min-w-[720px]"
        >
          {data.map((k) => (
            <tr key={k.id}>
              <td className={`${cell} font-medium`}>
                {k.name} {k.revoked_at ? <Badge tone="neutral">Revoked</Badge> : null}
              </td>
              <td className={`${cell} font-mono text-xs`}>{k.prefix}…</td>
              <td className={cell}>
                <Badge tone="neutral">{k.scope === "manage" ? "Manage" : "Read only"}</Badge>
              </td>
              <td className={`${cell} text-zinc-600 dark:text-zinc-400`}>
                <RelativeTime iso={k.created_at} />
              </td>
              <td className={`${cell} text-zinc-600 dark:text-zinc-400`}>
                {k.expires_at ? <RelativeTime iso={k.expires_at} /> : "Never"}
              </td>
              <td className={`${cell} text-zinc-600 dark:text-zinc-400`}>
                {k.last_used_at ? <RelativeTime iso={k.last_used_at} /> : "Never"}
              </td>
              <td className={`${cell} text-right`}>
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
        </DataTable>
      )}
    </div>
  );
}
