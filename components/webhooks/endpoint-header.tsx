"use client";

import { Pencil, Trash2 } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { RelativeTime } from "@/components/ui/relative-time";
import { Switch } from "@/components/ui/switch";
import { useToast } from "@/components/ui/toaster";
import { errorMessage } from "@/lib/api-client/fetch-json";
import { useOrg } from "@/lib/api-client/org-context";
import { useDeleteEndpoint, useUpdateEndpoint } from "@/lib/api-client/use-endpoints";
import type { Endpoint } from "@/lib/api-client/types";
import { EventChips } from "./event-chips";
import { EndpointStatusBadge, SuccessRate } from "./status-badges";
import { linkButton, webhooksPath } from "./webhook-links";

export function EndpointHeader({ endpoint: e, canManage }: { endpoint: Endpoint; canManage: boolean }) {
  const org = useOrg();
  const router = useRouter();
  const notify = useToast();
  const update = useUpdateEndpoint(e.id);
  const remove = useDeleteEndpoint(e.id);
  function setEnabled(enabled: boolean) {
    update.mutate(
      { enabled },
      {
        onError: (err) =>
          notify({ tone: "error", title: "Could not change the endpoint", description: errorMessage(err) }),
      },
    );
  }
  return (
    <div className="space-y-4">
      <div className="flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0 space-y-2">
          <div className="flex items-center gap-2">
            <EndpointStatusBadge endpoint={e} />
            <span className="text-sm text-zinc-600 dark:text-zinc-400">
              24 h success: <SuccessRate rate={e.stats?.success_rate_24h} />
            </span>
          </div>
          <h1 className="font-mono text-lg font-semibold break-all sm:text-xl">{e.url}</h1>
          {e.description ? <p className="text-sm text-zinc-600 dark:text-zinc-400">{e.description}</p> : null}
          <EventChips types={e.event_types} />
        </div>
        {canManage ? (
          <div className="flex flex-wrap items-center gap-2">
            <label className="flex items-center gap-2 text-sm font-medium">
              <Switch checked={e.enabled} onCheckedChange={setEnabled} aria-label="Endpoint enabled" />
              {e.enabled ? "Enabled" : "Disabled"}
            </label>
            <Link href={webhooksPath(org, `/${e.id}/edit`)} className={linkButton}>
              <Pencil aria-hidden className="size-4" /> Edit
            </Link>
            <ConfirmDialog
              trigger={
                <Button variant="secondary" aria-label="Delete endpoint">
                  <Trash2 aria-hidden className="size-4 text-red-600" /> Delete
                </Button>
              }
              title="Delete this webhook endpoint?"
              description="Empfio stops sending to it at once and its delivery log is deleted with it. This cannot be undone."
              confirmLabel="Delete endpoint"
              onConfirm={async () => {
                await remove.mutateAsync();
                notify({ tone: "success", title: "Endpoint deleted" });
                router.push(webhooksPath(org));
              }}
            />
          </div>
        ) : null}
      </div>
      {!e.enabled ? (
        <Alert tone="warning" title="This endpoint is disabled: no events are sent to it">
          {e.disabled_reason ? <p>{e.disabled_reason}</p> : null}
          {e.disabled_at ? (
            <p className="text-xs">
              Since <RelativeTime iso={e.disabled_at} />.
            </p>
          ) : null}
        </Alert>
      ) : e.consecutive_failures > 0 ? (
        <Alert tone="warning">
          The last {e.consecutive_failures} deliveries in a row failed. Empfio disables an endpoint that keeps failing;
          open a failed delivery below to see why.
        </Alert>
      ) : null}
    </div>
  );
}
