import { AUTO_DISABLE_AFTER } from "./delivery-settings";

/*
 * What an attempt's result means, decided in one place: the delivery's next state, and what it
 * does to its endpoint's health. Pure: the SQL that records attempts writes what these return.
 */

export type AttemptTrigger = "scheduled" | "manual" | "test";
export type DeliveryStatus = "pending" | "succeeded" | "failed";

/** What the receiver did: a 2xx (`ok`), another status, or no HTTP answer (status null). */
export type AttemptResult = { ok: boolean; status: number | null };

/** A delivery's effect on its endpoint's health: a success resets, 410 disables, a failed delivery counts. */
export type HealthEffect = "reset" | "gone" | "count" | null;

export type DeliveryDecision = {
  /** null: the status does not change (a manual retry that failed leaves the schedule as it was). */
  status: DeliveryStatus | null;
  /** Scheduled attempts of the current schedule made so far, this one included. */
  scheduledAttempts: number | null;
  /** For a delivery that stays pending: how long until its next attempt. */
  retryInMs: number | null;
  health: HealthEffect;
  /** The failure ended the delivery with attempts left (410 Gone), or it used them all up. */
  exhausted: boolean;
};

export function decideAttempt(input: {
  trigger: AttemptTrigger;
  /** Scheduled attempts already made on the current schedule (before this one). */
  scheduledAttemptsBefore: number;
  result: AttemptResult;
  /** Waits before attempts 2, 3, … (retrySchedule()). */
  schedule: readonly number[];
  /** ±10 % jitter (withJitter), injected so tests can pin it. */
  jitter: (ms: number) => number;
}): DeliveryDecision {
  const { trigger, result, schedule } = input;
  const gone = result.status === 410;
  if (trigger === "test") {
    // A test ping is one synchronous attempt, never retried, and never moves the endpoint's health.
    return {
      status: result.ok ? "succeeded" : "failed",
      scheduledAttempts: null,
      retryInMs: null,
      health: null,
      exhausted: false,
    };
  }
  if (trigger === "manual") {
    if (result.ok)
      return { status: "succeeded", scheduledAttempts: null, retryInMs: null, health: "reset", exhausted: false };
    if (gone) return { status: "failed", scheduledAttempts: null, retryInMs: null, health: "gone", exhausted: false };
    return { status: null, scheduledAttempts: null, retryInMs: null, health: null, exhausted: false };
  }
  const made = input.scheduledAttemptsBefore + 1;
  if (result.ok)
    return { status: "succeeded", scheduledAttempts: made, retryInMs: null, health: "reset", exhausted: false };
  if (gone) return { status: "failed", scheduledAttempts: made, retryInMs: null, health: "gone", exhausted: false };
  if (made <= schedule.length) {
    return {
      status: "pending",
      scheduledAttempts: made,
      retryInMs: input.jitter(schedule[made - 1]),
      health: null,
      exhausted: false,
    };
  }
  return { status: "failed", scheduledAttempts: made, retryInMs: null, health: "count", exhausted: true };
}

export type EndpointHealth = { consecutiveFailures: number; enabled: boolean; disabledReason: string | null };
export type DisableKind = "gone" | "failures";

export const GONE_REASON = "The endpoint answered 410 Gone, which means it no longer accepts webhooks.";
export const AUTO_DISABLE_REASON = `Disabled after ${AUTO_DISABLE_AFTER} consecutive failed deliveries. Fix the endpoint, then enable it again.`;

/**
 * An endpoint's health after a run of attempt effects, in the order the attempts finished. A
 * success resets the count of consecutive failed deliveries; a delivery that failed for good
 * counts one, and the AUTO_DISABLE_AFTER-th disables the endpoint; 410 Gone disables at once. A
 * disabled endpoint stays disabled until an owner enables it (a success only resets its count).
 */
export function nextEndpointHealth(
  before: EndpointHealth,
  effects: readonly HealthEffect[],
): EndpointHealth & { disabledNow: DisableKind | null } {
  let { consecutiveFailures, enabled, disabledReason } = before;
  let disabledNow: DisableKind | null = null;
  for (const effect of effects) {
    if (effect === "reset") consecutiveFailures = 0;
    else if (effect === "count") consecutiveFailures++;
    const disable: DisableKind | null =
      effect === "gone" ? "gone" : effect === "count" && consecutiveFailures >= AUTO_DISABLE_AFTER ? "failures" : null;
    if (disable && enabled) {
      enabled = false;
      disabledReason = disable === "gone" ? GONE_REASON : AUTO_DISABLE_REASON;
      disabledNow = disable;
    }
  }
  return { consecutiveFailures, enabled, disabledReason, disabledNow };
}
