import "server-only";
import { getDb } from "@/lib/db/client";
import { sweepOutbox } from "@/lib/webhooks/emit-event";
import { inngest } from "../client";

/** Re-sends outbox events that were committed but never handed to Inngest. */
export const webhookOutboxSweep = inngest.createFunction(
  { id: "webhook-outbox-sweep", name: "Webhook outbox sweep", triggers: [{ cron: "* * * * *" }], retries: 1 },
  async ({ step }) => {
    const resent = await step.run("resend-undispatched", () => sweepOutbox(getDb()));
    return { resent };
  },
);
