import type { DisableKind, EndpointHealth } from "@/lib/webhooks/delivery-decision";
import { AUTO_DISABLE_AFTER } from "@/lib/webhooks/delivery-settings";

export type AlertLevel = "exhausted" | "failing_50" | "failing_90" | "disabled" | "recovered";

/** What a recorded batch of attempts did to an endpoint's health (from recordAttempts' slow path). */
export type HealthTransition = {
  before: EndpointHealth;
  after: EndpointHealth;
  disabledNow: DisableKind | null;
  /** A delivery in the batch failed for good with its retries used up. */
  exhausted: boolean;
};

/** How many consecutive failed deliveries make "failing" at a share of the auto-disable threshold. */
export const failingAt = (percent: 50 | 90) => Math.ceil((AUTO_DISABLE_AFTER * percent) / 100);

/**
 * The alert levels a health transition reaches, in the order they happened. Pure: the caller
 * raises each once per episode (a unique key per endpoint, level and episode), so a level
 * reached again in the same episode costs nothing.
 */
export function alertLevels(t: HealthTransition): AlertLevel[] {
  const levels: AlertLevel[] = [];
  const { before, after } = t;
  if (before.consecutiveFailures > 0 && after.consecutiveFailures === 0 && after.enabled) return ["recovered"];
  if (t.exhausted && after.consecutiveFailures > 0) levels.push("exhausted");
  for (const percent of [50, 90] as const) {
    const n = failingAt(percent);
    if (before.consecutiveFailures < n && after.consecutiveFailures >= n) levels.push(`failing_${percent}`);
  }
  if (t.disabledNow) levels.push("disabled");
  return levels;
}
