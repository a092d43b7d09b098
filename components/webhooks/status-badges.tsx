import { CircleCheck, CircleDashed, CircleX, Pause } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import type { DeliveryStatus, Endpoint } from "@/lib/api-client/types";

export function DeliveryStatusBadge({ status }: { status: DeliveryStatus }) {
  if (status === "succeeded")
    return (
      <Badge tone="success">
        <CircleCheck aria-hidden className="size-3" /> Succeeded
      </Badge>
    );
  if (status === "failed")
    return (
      <Badge tone="danger">
        <CircleX aria-hidden className="size-3" /> Failed
      </Badge>
    );
  return (
    <Badge tone="warning">
      <CircleDashed aria-hidden className="size-3" /> Pending
    </Badge>
  );
}

export function EndpointStatusBadge({ endpoint }: { endpoint: Pick<Endpoint, "enabled" | "disabled_reason"> }) {
  if (endpoint.enabled) return <Badge tone="success">Enabled</Badge>;
  return (
    <Badge tone="neutral">
      <Pause aria-hidden className="size-3" /> Disabled
    </Badge>
  );
}

/** "98 %" coloured by health, or a dash when nothing was delivered in the window. */
export function SuccessRate({ rate }: { rate: number | null | undefined }) {
  // Test pings are not counted, so a freshly added endpoint has no rate yet.
  if (rate === null || rate === undefined)
    return <span className="text-zinc-600 dark:text-zinc-400">No events yet</span>;
  const pct = Math.round(rate * 1000) / 10;
  const cls =
    rate >= 0.95
      ? "text-emerald-700 dark:text-emerald-400"
      : rate >= 0.7
        ? "text-amber-700 dark:text-amber-400"
        : "text-red-700 dark:text-red-400";
  return <span className={`font-medium tabular-nums ${cls}`}>{pct} %</span>;
}
