/** Durations as the SDK writes them in a Sleep op's name: "1w2d3h4m5s", plain ms, or an ISO time. */
const UNIT_MS: Record<string, number> = { w: 604_800_000, d: 86_400_000, h: 3_600_000, m: 60_000, s: 1_000, ms: 1 };

/** Milliseconds to wait from `now` for a Sleep op's target, before time scaling. */
export function sleepDelayMs(target: string, now = Date.now()): number {
  const trimmed = target.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const parts = [...trimmed.matchAll(/(\d+(?:\.\d+)?)(ms|w|d|h|m|s)/g)];
  if (parts.length > 0 && parts.map((p) => p[0]).join("") === trimmed) {
    return parts.reduce((sum, p) => sum + Number(p[1]) * UNIT_MS[p[2]], 0);
  }
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) throw new Error(`unreadable sleep duration "${target}"`);
  return Math.max(0, at - now);
}

/** A Retry-After value (seconds, an HTTP date, an ISO time or a duration string) in ms from now. */
export function retryAfterMs(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Number(value) * 1000;
  try {
    return sleepDelayMs(value, now);
  } catch {
    return undefined;
  }
}

/** Inngest-like exponential backoff with jitter: ~10 s, 20 s, 40 s … capped at 1 h. */
export function backoffMs(attempt: number): number {
  const base = Math.min(10_000 * 2 ** attempt, 3_600_000);
  return Math.round(base * (0.8 + Math.random() * 0.4));
}
