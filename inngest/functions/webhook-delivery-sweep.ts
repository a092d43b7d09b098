import "server-only";
import { getDb } from "@/lib/db/client";
import { sweepDeliveries } from "@/lib/webhooks/sweep-deliveries";
import { inngest } from "../client";

/** Restarts deliveries left pending with no run, and fails those stuck for a day (see sweepDeliveries). */
export const webhookDeliverySweep = inngest.createFunction(
  { id: "webhook-delivery-sweep", name: "Webhook delivery sweep", triggers: [{ cron: "* * * * *" }], retries: 1 },
  async ({ step }) => step.run("sweep", () => sweepDeliveries(getDb())),
);
