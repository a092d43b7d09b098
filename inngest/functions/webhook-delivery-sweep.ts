import "server-only";
import { getDb } from "@/lib/db/client";
import { sweepBulkRetries } from "@/lib/webhooks/sweep-bulk-retries";
import { sweepDeliveries } from "@/lib/webhooks/sweep-deliveries";
import { inngest } from "../client";

/**
 * Restarts deliveries left pending with no run, and fails those stuck for a day (sweepDeliveries);
 * restarts bulk retries whose run was lost, or fails them (sweepBulkRetries).
 */
export const webhookDeliverySweep = inngest.createFunction(
  { id: "webhook-delivery-sweep", name: "Webhook delivery sweep", triggers: [{ cron: "* * * * *" }], retries: 1 },
  async ({ step }) => ({
    deliveries: await step.run("sweep", () => sweepDeliveries(getDb())),
    bulkRetries: await step.run("bulk-retries", () => sweepBulkRetries(getDb())),
  }),
);
