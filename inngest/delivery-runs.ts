import "server-only";
import { traceCarrier, type TraceCarrier } from "@/lib/tracing/tracing";
import type { DeliveryRuns } from "@/lib/webhooks/delivery-runs";
import { inngest } from "./client";

/** Asks for a run of `webhook-deliver` for one endpoint (see inngest/functions/webhook-deliver.ts). */
export const ENDPOINT_DELIVERIES_DUE = "empfio/webhook.endpoint-deliveries-due";
/** `trace`: the W3C context of the hand-over, so the run's spans continue its trace (when tracing). */
export type EndpointDeliveriesDue = { endpointId: string; organizationId: string; trace?: TraceCarrier };

/** Asks for the run of `deliveries-bulk-retry` that works through a job (inngest/functions/deliveries-bulk-retry.ts). */
export const BULK_RETRY_STARTED = "empfio/deliveries.bulk-retry-started";
export type BulkRetryStarted = { jobId: string; organizationId: string };

/** Events per `inngest.send`: each is ~150 bytes, well under event APIs' request size limits. */
const EVENTS_PER_SEND = 500;

export const inngestDeliveryRuns: DeliveryRuns = {
  async start(lanes) {
    const carrier = traceCarrier();
    const trace = Object.keys(carrier).length > 0 ? carrier : undefined;
    for (let i = 0; i < lanes.length; i += EVENTS_PER_SEND) {
      await inngest.send(
        lanes.slice(i, i + EVENTS_PER_SEND).map((lane) => ({
          name: ENDPOINT_DELIVERIES_DUE,
          data: {
            endpointId: lane.endpointId,
            organizationId: lane.organizationId,
            trace,
          } satisfies EndpointDeliveriesDue,
        })),
      );
    }
  },
  async bulkRetry(job) {
    await inngest.send({ name: BULK_RETRY_STARTED, data: job satisfies BulkRetryStarted });
  },
};
