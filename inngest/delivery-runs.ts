import "server-only";
import type { DeliveryRuns } from "@/lib/webhooks/delivery-runs";
import { inngest } from "./client";

/** Asks for a run of `webhook-deliver` for one endpoint (see inngest/functions/webhook-deliver.ts). */
export const ENDPOINT_DELIVERIES_DUE = "empfio/webhook.endpoint-deliveries-due";
export type EndpointDeliveriesDue = { endpointId: string; organizationId: string };

/** Events per `inngest.send`: each is ~150 bytes, well under event APIs' request size limits. */
const EVENTS_PER_SEND = 500;

export const inngestDeliveryRuns: DeliveryRuns = {
  async start(lanes) {
    for (let i = 0; i < lanes.length; i += EVENTS_PER_SEND) {
      await inngest.send(
        lanes.slice(i, i + EVENTS_PER_SEND).map((lane) => ({
          name: ENDPOINT_DELIVERIES_DUE,
          data: { endpointId: lane.endpointId, organizationId: lane.organizationId } satisfies EndpointDeliveriesDue,
        })),
      );
    }
  },
};
