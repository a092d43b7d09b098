import "server-only";
import type { DeliveryStatus } from "@/lib/webhooks/delivery-decision";
import type { WebhookRequestResult } from "@/lib/webhooks/send-webhook-request";
import { metrics } from "./metrics";

/** Counts a batch of recorded attempts, and the deliveries they brought to a final status. */
export function observeAttempts(
  attempts: { deliveryId: string; result: WebhookRequestResult; decision: { status: DeliveryStatus | null } }[],
  statuses: Map<string, DeliveryStatus>,
): void {
  const m = metrics();
  for (const { deliveryId, result, decision } of attempts) {
    m.attempts.inc({ outcome: result.ok ? "succeeded" : (result.error?.kind ?? "http_status") });
    m.attemptDuration.observe({ succeeded: String(result.ok) }, result.durationMs / 1000);
    const status = statuses.get(deliveryId);
    if (status && status !== "pending" && status === decision.status) m.deliveries.inc({ status });
  }
}

/** Deliveries failed without an attempt (given up by the sweep, a disabled endpoint, a lost run). */
export function observeFailedDeliveries(count: number): void {
  if (count > 0) metrics().deliveries.inc({ status: "failed" }, count);
}

export function observeInboundRequest(source: string, outcome: string): void {
  metrics().inbound.inc({ source, outcome });
}

/** `route` is the route's pattern (`/api/v1/leads/[id]`), never a concrete path. */
export function observeHttpRequest(route: string, method: string, status: number, startedAt: number): void {
  metrics().http.observe({ route, method, status: String(status) }, (performance.now() - startedAt) / 1000);
}

/** The route's pattern from a request's path and its params: each param's value becomes `[name]`. */
export function routePattern(url: string, params: Record<string, string | string[]> | undefined): string {
  const names = new Map<string, string>();
  for (const [name, value] of Object.entries(params ?? {}))
    for (const v of [value].flat()) names.set(encodeURIComponent(v), `[${name}]`);
  return new URL(url).pathname
    .split("/")
    .map((segment) => names.get(segment) ?? segment)
    .join("/");
}
