import type { InngestFunction } from "inngest";

/**
 * For functions whose steps are idempotent on their own (a delivery row is unique per event
 * and endpoint, an attempt is keyed by its step), a step's result may ride on the call's
 * response instead of costing a checkpoint round trip each: the SDK checkpoints only when
 * the function pauses (a sleep) or after this many steps. A crash before the response re-runs
 * the step, which then finds its own earlier work instead of repeating it.
 */
export const STEPS_RIDE_ON_RESPONSE: InngestFunction.Options["checkpointing"] = { bufferedSteps: 10 };
