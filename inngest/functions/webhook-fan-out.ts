import "server-only";
import { getDb } from "@/lib/db/client";
import { createDeliveries } from "@/lib/webhooks/create-deliveries";
import {
  firstRun,
  LEGACY_WEBHOOK_EVENT_CREATED,
  type LegacyWebhookEventCreatedData,
} from "@/lib/webhooks/inngest-events";
import { inngest } from "../client";
import { STEPS_RIDE_ON_RESPONSE } from "./checkpointing";

/**
 * Kept for one release, for events handed over before the fan-out moved into the emit: runs
 * and events still queued for it when an upgrade lands, or sent by instances not yet upgraded
 * during a rolling deploy, still get their deliveries. New code never sends its trigger. Remove
 * it in the release after the one that moved the fan-out (README, "Upgrading").
 */
export const webhookFanOut = inngest.createFunction(
  {
    id: "webhook-fan-out",
    name: "Webhook fan-out (legacy)",
    triggers: [{ event: LEGACY_WEBHOOK_EVENT_CREATED }],
    retries: 10,
    checkpointing: STEPS_RIDE_ON_RESPONSE,
  },
  async ({ event, step }) => {
    const { eventId } = event.data as LegacyWebhookEventCreatedData;
    const deliveries = await step.run("create-deliveries", () => createDeliveries(getDb(), eventId));
    if (deliveries.length > 0) await step.sendEvent("start-deliveries", deliveries.map(firstRun));
    return { deliveries: deliveries.length };
  },
);
