import "server-only";
import { getDb } from "@/lib/db/client";
import { failBulkRetry, retryNextBatch } from "@/lib/webhooks/bulk-retry";
import { inngest } from "../client";
import { BULK_RETRY_STARTED, type BulkRetryStarted } from "../delivery-runs";

/** Batches one run takes before a fresh run continues the job (Inngest caps steps per run). */
const MAX_BATCHES = 500;

/**
 * Works through a bulk retry job ("Retry all matching" on the delivery log): each step flips the
 * next batch of still-failed deliveries to pending and hands them to their endpoints' runs, which
 * deliver them on the full schedule. The job's cursor makes each step safe to replay.
 */
export const deliveriesBulkRetry = inngest.createFunction(
  {
    id: "deliveries-bulk-retry",
    name: "Bulk retry of failed deliveries",
    triggers: [{ event: BULK_RETRY_STARTED }],
    retries: 5,
    concurrency: [{ key: "event.data.organizationId", limit: 1 }],
    onFailure: async ({ event, error }) => {
      const { jobId } = (event.data as { event: { data: BulkRetryStarted } }).event.data;
      await failBulkRetry(getDb(), jobId, `Stopped: ${error.message}`);
    },
  },
  async ({ event, step }) => {
    const { jobId } = event.data as BulkRetryStarted;
    let flipped = 0;
    for (let batch = 1; batch <= MAX_BATCHES; batch++) {
      const result = await step.run(`batch-${batch}`, () => retryNextBatch(getDb(), jobId));
      flipped += result.flipped;
      if (result.finished) return { flipped, batches: batch };
    }
    await step.sendEvent("continue", { name: BULK_RETRY_STARTED, data: event.data as BulkRetryStarted });
    return { flipped, batches: MAX_BATCHES };
  },
);
