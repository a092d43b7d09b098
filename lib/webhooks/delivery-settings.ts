// Delivery tuning from the environment, read at each call so tests can vary it.

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Waits before attempts 2, 3, 4…: "1m,5m,30m" as in the seed's customer guide. */
export function retrySchedule(env: NodeJS.ProcessEnv = process.env): number[] {
  return parseSchedule(env.WEBHOOK_RETRY_SCHEDULE ?? "1m,5m,30m");
}

export function parseSchedule(text: string): number[] {
  return text.split(",").map((part) => {
    const match = part.trim().match(/^(\d+(?:\.\d+)?)(ms|s|m|h)$/);
    if (!match) throw new Error(`WEBHOOK_RETRY_SCHEDULE: "${part.trim()}" is not a duration like 500ms, 30s, 5m or 1h`);
    return Math.round(Number(match[1]) * UNITS[match[2]]);
  });
}

/** ±10 % so endpoints that failed together are not retried in lockstep. */
export function withJitter(ms: number, random: () => number = Math.random): number {
  return Math.round(ms * (0.9 + random() * 0.2));
}

export function deliveryTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const ms = Number(env.WEBHOOK_TIMEOUT_MS ?? 10_000);
  if (!Number.isInteger(ms) || ms < 1) throw new Error("WEBHOOK_TIMEOUT_MS must be a whole number of milliseconds");
  return ms;
}

/** WEBHOOK_MAX_ENDPOINTS_PER_ORGANIZATION: how many endpoints one organization may have (50). */
export function maxEndpointsPerOrganization(env: NodeJS.ProcessEnv = process.env): number {
  const max = Number(env.WEBHOOK_MAX_ENDPOINTS_PER_ORGANIZATION ?? 50);
  if (!Number.isInteger(max) || max < 1)
    throw new Error("WEBHOOK_MAX_ENDPOINTS_PER_ORGANIZATION must be a whole number of at least 1");
  return max;
}

export function allowInsecureUrls(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.WEBHOOK_ALLOW_INSECURE_URLS === "1";
}

/** Consecutive failed deliveries after which an endpoint is disabled. */
export const AUTO_DISABLE_AFTER = 20;
/** How long the previous secret keeps signing after a rotation. */
export const ROTATION_OVERLAP_MS = 24 * 3_600_000;
