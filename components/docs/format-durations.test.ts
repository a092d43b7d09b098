import { describe, expect, it } from "vitest";
import { formatDurations } from "./format-durations";

describe("formatDurations", () => {
  it("says the default retry schedule, timeout and rotation overlap as the docs do", () => {
    expect(formatDurations([60_000, 300_000, 1_800_000])).toBe("1, 5 and 30 minutes");
    expect(formatDurations([10_000])).toBe("10 seconds");
    expect(formatDurations([24 * 3_600_000])).toBe("24 hours");
  });

  it("names each unit when they differ, and keeps one of a unit singular", () => {
    expect(formatDurations([30_000, 3_600_000])).toBe("30 seconds and 1 hour");
    expect(formatDurations([1500])).toBe("1500 milliseconds");
  });
});
