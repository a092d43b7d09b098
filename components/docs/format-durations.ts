const UNITS = [
  [3_600_000, "hour"],
  [60_000, "minute"],
  [1000, "second"],
  [1, "millisecond"],
] as const;

/** Durations in ms as a reader says them: [60000, 300000, 1800000] → "1, 5 and 30 minutes". */
export function formatDurations(values: number[]): string {
  const unitOf = (v: number) => UNITS.find(([size]) => v % size === 0) ?? UNITS[UNITS.length - 1];
  const shared = new Set(values.map((v) => unitOf(v)[1])).size === 1;
  const named = (v: number) => {
    const [size, unit] = unitOf(v);
    return `${v / size} ${unit}${v === size ? "" : "s"}`;
  };
  const parts = values.map((v, i) => (shared && i < values.length - 1 ? String(v / unitOf(v)[0]) : named(v)));
  return parts.length > 1 ? `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}` : parts[0];
}
