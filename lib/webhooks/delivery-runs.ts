/**
 * The port through which the domain asks for delivery runs, without knowing what executes them.
 * `inngest/delivery-runs.ts` implements it with Inngest; each process that hands deliveries over
 * (the web app, the worker, the admin CLI, tests) installs an implementation at start-up.
 */
export type DeliveryRuns = {
  /**
   * Starts a run that drains each endpoint's due deliveries. Resolves once the request is
   * durably accepted; rejects if it was not (the sweep then asks again).
   */
  start(lanes: { endpointId: string; organizationId: string }[]): Promise<void>;
  /** Starts the run that works through a bulk retry job (lib/webhooks/bulk-retry.ts). */
  bulkRetry(job: { jobId: string; organizationId: string }): Promise<void>;
};

// On globalThis: Next.js bundles route handlers and instrumentation separately, so a module-level
// variable would not be shared between the place that installs the port and the ones that use it.
const KEY = Symbol.for("empfio.deliveryRuns");
type Holder = { [KEY]?: DeliveryRuns };

export function installDeliveryRuns(runs: DeliveryRuns): void {
  (globalThis as Holder)[KEY] = runs;
}

export function deliveryRuns(): DeliveryRuns {
  const runs = (globalThis as Holder)[KEY];
  if (!runs) throw new Error("no delivery runner is installed in this process (installDeliveryRuns)");
  return runs;
}
