import { getDb } from "@/lib/db/client";
import { createDeliveries } from "@/lib/webhooks/create-deliveries";
import { WEBHOOK_DELIVERY_REQUESTED, WEBHOOK_EVENT_CREATED, type WebhookEventCreatedData } from "@/lib/webhooks/inngest-events";
import { inngest } from "../client";
import { STEPS_RIDE_ON_RESPONSE } from "./checkpointing";

/** One delivery per subscribed endpoint, each run separately so a dead endpoint holds back no other. */
export const webhookFanOut = inngest.createFunction(
  { id: "webhook-fan-out", name: "Webhook fan-out", triggers: [{ event: WEBHOOK_EVENT_CREATED }], retries: 10, checkpointing: STEPS_RIDE_ON_RESPONSE },
  async ({ event, step }) => {
    const { eventId } = event.data as WebhookEventCreatedData;
    const deliveries = await step.run("create-deliveries", () => createDeliveries(getDb(), eventId));
    if (deliveries.length > 0) {
      await step.sendEvent(
        "start-deliveries",
        deliveries.map((d) => ({
          // The id makes a replayed fan-out start each delivery once.
          id: `delivery-${d.id}`,
          name: WEBHOOK_DELIVERY_REQUESTED,
          data: { deliveryId: d.id, endpointId: d.endpointId, requestId: `first-${d.id}` },
        })),
      );
    }
    return { deliveries: deliveries.length };
  },
);
