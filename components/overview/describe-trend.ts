/**
 * The line under an Overview figure, comparing it with the same span of last week:
 * "+3 vs. this time last Sunday (none then)", "−2 vs. this point last week (7 then)".
 */
export function describeTrend(trend: { current: number; previous: number }, against: string): string {
  const diff = trend.current - trend.previous;
  if (diff === 0)
    return trend.previous === 0 ? `None ${against} either` : `Same as ${against} (${trend.previous} then)`;
  const then = trend.previous === 0 ? "none" : String(trend.previous);
  return `${diff > 0 ? "+" : "−"}${Math.abs(diff)} vs. ${against} (${then} then)`;
}
