import { describe, expect, it } from "vitest";
import { alertLevels, type HealthTransition } from "./alert-levels";

const health = (consecutiveFailures: number, enabled = true) => ({
  consecutiveFailures,
  enabled,
  disabledReason: null,
});
const t = (before: number, after: number, more: Partial<HealthTransition> = {}): HealthTransition => ({
  before: health(before),
  after: health(after),
  disabledNow: null,
  exhausted: false,
  ...more,
});

describe("alertLevels", () => {
  it("raises 'exhausted' when a delivery first fails for good", () => {
    expect(alertLevels(t(0, 1, { exhausted: true }))).toEqual(["exhausted"]);
  });

  it("raises 50 % and 90 % of the auto-disable threshold as they are crossed, once", () => {
    expect(alertLevels(t(9, 10, { exhausted: true }))).toEqual(["exhausted", "failing_50"]);
    expect(alertLevels(t(10, 11, { exhausted: true }))).toEqual(["exhausted"]);
    expect(alertLevels(t(17, 18, { exhausted: true }))).toEqual(["exhausted", "failing_90"]);
    expect(alertLevels(t(5, 19, { exhausted: true }))).toEqual(["exhausted", "failing_50", "failing_90"]);
  });

  it("raises 'disabled' for 410 Gone and for the 20th failure", () => {
    expect(alertLevels({ ...t(0, 0), after: health(0, false), disabledNow: "gone" })).toEqual(["disabled"]);
    expect(
      alertLevels({ ...t(19, 20, { exhausted: true }), after: health(20, false), disabledNow: "failures" }),
    ).toEqual(["exhausted", "disabled"]);
  });

  it("raises 'recovered' when a success ends a failing spell, and nothing for a success alone", () => {
    expect(alertLevels(t(3, 0))).toEqual(["recovered"]);
    expect(alertLevels(t(0, 0))).toEqual([]);
    expect(alertLevels({ ...t(3, 0), after: health(0, false) })).toEqual([]);
  });
});
