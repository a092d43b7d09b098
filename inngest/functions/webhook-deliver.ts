import "server-only";
import { getDb } from "@/lib/db/client";
import { drainEndpoint } from "@/lib/webhooks/drain-endpoint";
import { endFailedRun } from "@/lib/webhooks/end-failed-run";
import { inSpan } from "@/lib/tracing/tracing";
import { passLane } from "@/lib/webhooks/hand-over";
import { inngest } from "../client";
import { ENDPOINT_DELIVERIES_DUE, type EndpointDeliveriesDue } from "../delivery-runs";
import { STEPS_RIDE_ON_RESPONSE } from "./checkpointing";

/**
 * Runs of one organization in flight at once. An organization whose endpoints all hang holds at
 * most this many of the executor's calls, so other organizations' deliveries never wait on it.
 */
export const PER_ORGANIZATION_RUNS = 10;
/** Steps one run takes before it hands its endpoint to a fresh run (Inngest caps steps per run). */
const MAX_ROUNDS = 200;

/**
 * Delivers an endpoint's due deliveries, in batches, for as long as there are any: attempt 1 at
 * once, and each retry when it falls due (~1 m, ~5 m, ~30 m; each delivery keeps its own
 * schedule in its row). One run drains an endpoint at a time (its lane); a burst of hand-overs
 * rides the run already draining. Each step drains for a few seconds; between retries the run
 * sleeps until the next one is due. Step retries cover our own transient errors (a database blip).
 */
export const webhookDeliver = inngest.createFunction(
  {
    id: "webhook-deliver",
    name: "Webhook deliveries of an endpoint",
    triggers: [{ event: ENDPOINT_DELIVERIES_DUE }],
    retries: 5,
    concurrency: [
      { key: "event.data.endpointId", limit: 1 },
      { key: "event.data.organizationId", limit: PER_ORGANIZATION_RUNS },
    ],
    checkpointing: STEPS_RIDE_ON_RESPONSE,
    onFailure: async ({ event, error }) => {
      const runId = (event.data as { run_id?: string }).run_id;
      if (runId) await endFailedRun(getDb(), runId, error.message);
    },
  },
  async ({ event, step, runId }) => {
    const { endpointId, trace } = event.data as EndpointDeliveriesDue;
    let dueBy: string | null = null;
    let attempts = 0;
    for (let round = 1; round <= MAX_ROUNDS; round++) {
      const drained = await step.run(`drain-${round}`, () =>
        inSpan(
          "empfio.run",
          { "empfio.endpoint_id": endpointId, "empfio.run_id": runId, "empfio.step": `drain-${round}` },
          async (span) => {
            const result = await drainEndpoint(getDb(), { endpointId, runId, dueBy: dueBy ? new Date(dueBy) : null });
            span?.setAttributes({ "empfio.attempts": result.attempts, "empfio.outcome": result.outcome });
            return result;
          },
          trace,
        ),
      );
      attempts += drained.attempts;
      if (drained.outcome === "more") {
        dueBy = null;
        continue;
      }
      if (drained.outcome === "idle" && drained.wakeAt) {
        await step.sleepUntil(`wait-${round}`, new Date(drained.wakeAt));
        // Deliveries due by the time this run slept for are taken when it wakes.
        dueBy = drained.wakeAt;
        continue;
      }
      return { attempts, rounds: round };
    }
    // Still draining after MAX_ROUNDS steps: a new run takes over.
    await step.run("hand-on", () => passLane(getDb(), endpointId, runId));
    return { attempts, rounds: MAX_ROUNDS };
  },
);
