import { installDeliveryRuns } from "@/lib/webhooks/delivery-runs";

/**
 * Makes this process's hand-overs start their runs through Inngest. The client is loaded on the
 * first hand-over: it reads its environment when created, and commands that never hand anything
 * over (most of the admin CLI) do not pay for loading the SDK.
 */
export function installInngestDeliveryRuns(): void {
  installDeliveryRuns({
    start: async (lanes) => (await import("./delivery-runs")).inngestDeliveryRuns.start(lanes),
    bulkRetry: async (job) => (await import("./delivery-runs")).inngestDeliveryRuns.bulkRetry(job),
  });
}
