import { describe, expect, it } from "vitest";
import { describeTrend } from "./describe-trend";

describe("describeTrend", () => {
  const against = "this time last Sunday";

  it("gives the change with its sign, and what last week had", () => {
    expect(describeTrend({ current: 3, previous: 0 }, against)).toBe("+3 vs. this time last Sunday (none then)");
    expect(describeTrend({ current: 5, previous: 7 }, "this point last week")).toBe(
      "−2 vs. this point last week (7 then)",
    );
  });

  it("says when nothing changed, without a +0", () => {
    expect(describeTrend({ current: 4, previous: 4 }, against)).toBe("Same as this time last Sunday (4 then)");
    expect(describeTrend({ current: 0, previous: 0 }, against)).toBe("None this time last Sunday either");
  });
});
