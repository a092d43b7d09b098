import "server-only";
import { getDb } from "@/lib/db/client";
import { attemptDelivery } from "@/lib/webhooks/attempt-delivery";
import { retrySchedule, withJitter } from "@/lib/webhooks/delivery-settings";
import { WEBHOOK_DELIVERY_REQUESTED, type DeliveryRequestedData } from "@/lib/webhooks/inngest-events";
import { inngest } from "../client";
import { STEPS_RIDE_ON_RESPONSE } from "./checkpointing";

/** Deliveries to one endpoint that may run at once; a hanging endpoint ties up no more workers. */
export const PER_ENDPOINT_CONCURRENCY = 10;

/**
 * Attempt 1 at once, then waits of ~1 m, ~5 m, ~30 m (WEBHOOK_RETRY_SCHEDULE) before attempts
 * 2–4. Each attempt is its own step and each wait its own sleep, so a crash resumes where it
 * stopped. Step retries (`retries`) cover our own transient errors, such as a database blip.
 */
export const webhookDeliver = inngest.createFunction(
  {
    id: "webhook-deliver",
    name: "Webhook delivery",
    triggers: [{ event: WEBHOOK_DELIVERY_REQUESTED }],
    retries: 5,
    concurrency: { key: "event.data.endpointId", limit: PER_ENDPOINT_CONCURRENCY },
    checkpointing: STEPS_RIDE_ON_RESPONSE,
  },
  async ({ event, step }) => {
    const { deliveryId, requestId } = event.data as DeliveryRequestedData;
    const waits = retrySchedule();
    for (let i = 0; i <= waits.length; i++) {
      const outcome = await step.run(`attempt-${i + 1}`, async () => {
        // Jitter is drawn inside the step, so its memoized result keeps the schedule fixed on replay.
        const nextDelayMs = i < waits.length ? withJitter(waits[i]) : null;
        const result = await attemptDelivery(getDb(), deliveryId, {
          trigger: "scheduled",
          stepKey: `${requestId}:${i + 1}`,
          nextDelayMs,
        });
        return { done: result.done, status: result.status, responseStatus: result.responseStatus, nextDelayMs };
      });
      if (outcome.done || outcome.nextDelayMs === null) return { status: outcome.status, attempts: i + 1 };
      await step.sleep(`wait-${i + 1}`, outcome.nextDelayMs);
    }
    return { status: "failed", attempts: waits.length + 1 };
  },
);
