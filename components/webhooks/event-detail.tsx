"use client";

import { Repeat } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CodeBlock, prettyJson } from "@/components/ui/code-block";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { cell, DataTable } from "@/components/ui/data-table";
import { ErrorState } from "@/components/ui/error-state";
import { Field } from "@/components/ui/field";
import { NativeSelect } from "@/components/ui/native-select";
import { RelativeTime } from "@/components/ui/relative-time";
import { SkeletonRows } from "@/components/ui/skeleton";
import { useToast } from "@/components/ui/toaster";
import { useOrg } from "@/lib/api-client/org-context";
import type { Delivery, WebhookEventDetail } from "@/lib/api-client/types";
import { useEndpoints } from "@/lib/api-client/use-endpoints";
import { useEvent, useReplayEvent } from "@/lib/api-client/use-events";
import { useCanManage } from "@/lib/api-client/use-me";
import { Section } from "./section";
import { DeliveryStatusBadge } from "./status-badges";
import { webhooksPath } from "./webhook-links";

const ALL = "";

/** One event: its payload, every delivery of it (replays included), and replaying it. */
export function EventDetail({ id }: { id: string }) {
  const canManage = useCanManage();
  const { data, error, isPending, refetch } = useEvent(id);
  if (isPending) return <SkeletonRows rows={5} label="Loading event" />;
  if (error) return <ErrorState error={error} what="the event" onRetry={() => void refetch()} />;
  const { event, deliveries } = data;
  const replayable = canManage && event.type !== "webhook.test";
  return (
    <div className="space-y-6">
      <div className="min-w-0 space-y-1">
        <h1 className="font-mono text-xl font-semibold">{event.type}</h1>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Occurred <RelativeTime iso={event.occurred_at} />
          {event.endpoint_id ? " · a sample sent to one endpoint" : null}
        </p>
        <p className="text-xs text-zinc-500 dark:text-zinc-400">
          Event <span className="font-mono">{event.id}</span>
        </p>
      </div>
      {replayable ? <ReplayForm detail={data} /> : null}
      <Section
        title="Deliveries"
        description="Each endpoint this event went to, and each replay, oldest first. A replay has its own webhook-id."
      >
        {deliveries.length === 0 ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            No endpoint was subscribed to {event.type} when this happened.
            {replayable ? " Replay it to send it to the endpoints subscribed now." : null}
          </p>
        ) : (
          <EventDeliveries eventId={event.id} rows={deliveries} canReplay={replayable} />
        )}
      </Section>
      <Section title="Event payload" description="The exact JSON body Empfio sends (and a replay sends again).">
        <CodeBlock code={prettyJson(event.payload)} label="Event payload" />
      </Section>
    </div>
  );
}

/** "Replay to: every subscribed endpoint | one of them", confirmed, then a toast. */
function ReplayForm({ detail }: { detail: WebhookEventDetail }) {
  const { event, deliveries } = detail;
  const { data: endpoints } = useEndpoints();
  const [target, setTarget] = useState(ALL);
  const replay = useReplayEvent(event.id);
  const notify = useToast();
  // The endpoints that can take it: enabled, and subscribed to the type or sent it before.
  const sentTo = new Set(deliveries.map((d) => d.endpoint_id));
  const choices = (endpoints ?? []).filter(
    (e) => e.enabled && (e.event_types.includes(event.type) || sentTo.has(e.id) || e.id === event.endpoint_id),
  );
  const chosen = choices.find((e) => e.id === target);
  return (
    <Section
      title="Replay"
      description="Send this event again: the same body, as a new delivery with a new webhook-id."
    >
      <div className="flex flex-wrap items-end gap-3">
        <Field id="replay-target" label="Send to" className="w-80 max-w-full">
          <NativeSelect id="replay-target" value={target} onChange={(e) => setTarget(e.target.value)}>
            <option value={ALL}>Every endpoint subscribed now</option>
            {choices.map((e) => (
              <option key={e.id} value={e.id}>
                {e.url}
              </option>
            ))}
          </NativeSelect>
        </Field>
        <ConfirmDialog
          trigger={
            <Button>
              <Repeat aria-hidden className="size-4" /> Replay event
            </Button>
          }
          title={`Replay ${event.type}?`}
          description={
            chosen
              ? `It goes to ${chosen.url} again, as a new delivery with a new webhook-id.`
              : "It goes to every enabled endpoint subscribed to this event type now, as a new delivery each."
          }
          confirmLabel="Replay"
          tone="primary"
          onConfirm={async () => {
            const { delivery_ids } = await replay.mutateAsync(chosen?.id);
            notify({
              tone: "success",
              title: `Replaying to ${delivery_ids.length} endpoint${delivery_ids.length === 1 ? "" : "s"}`,
              description: "The new deliveries appear below as they are sent.",
            });
          }}
        />
      </div>
    </Section>
  );
}

function EventDeliveries({ eventId, rows, canReplay }: { eventId: string; rows: Delivery[]; canReplay: boolean }) {
  const org = useOrg();
  return (
    <DataTable
      label="Deliveries of this event"
      caption="Deliveries of this event, oldest first"
      columns={["Status", "Endpoint", "Attempts", "Sent", { hidden: "Actions" }]}
    >
      {rows.map((d) => (
        <tr key={d.id} data-testid="event-delivery" data-status={d.status} data-replay={d.is_replay}>
          <td className={cell}>
            <DeliveryStatusBadge status={d.status} />
          </td>
          <td className={`${cell} max-w-72`}>
            <Link
              href={webhooksPath(org, `/deliveries/${d.id}`)}
              className="block truncate font-mono text-xs text-brand-700 hover:underline dark:text-brand-100"
              title={d.endpoint_url ?? undefined}
            >
              {d.endpoint_url}
            </Link>
            {d.is_replay ? (
              <Badge tone="info" className="mt-1">
                <Repeat aria-hidden className="size-3" /> Replay
              </Badge>
            ) : null}
          </td>
          <td className={`${cell} tabular-nums`}>{d.attempt_count}</td>
          <td className={`${cell} whitespace-nowrap text-zinc-600 dark:text-zinc-400`}>
            <RelativeTime iso={d.created_at} />
          </td>
          <td className={`${cell} text-right`}>
            {canReplay ? <ReplayToEndpoint eventId={eventId} delivery={d} /> : null}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}

function ReplayToEndpoint({ eventId, delivery }: { eventId: string; delivery: Delivery }) {
  const replay = useReplayEvent(eventId);
  const notify = useToast();
  return (
    <Button
      variant="secondary"
      size="sm"
      disabled={replay.isPending}
      aria-label={`Replay to ${delivery.endpoint_url}`}
      onClick={() =>
        replay.mutate(delivery.endpoint_id, {
          onSuccess: () => notify({ tone: "success", title: "Replaying", description: delivery.endpoint_url ?? "" }),
          onError: (err) => notify({ tone: "error", title: "Could not replay", description: err.message }),
        })
      }
    >
      <Repeat aria-hidden className="size-4" /> {replay.isPending ? "Replaying…" : "Replay"}
    </Button>
  );
}
