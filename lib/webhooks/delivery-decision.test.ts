import { describe, expect, it } from "vitest";
import {
  AUTO_DISABLE_REASON,
  decideAttempt,
  GONE_REASON,
  nextEndpointHealth,
  type AttemptTrigger,
  type DeliveryDecision,
  type EndpointHealth,
  type HealthEffect,
} from "./delivery-decision";
import { AUTO_DISABLE_AFTER } from "./delivery-settings";

const SCHEDULE = [60_000, 300_000, 1_800_000];
const ok = { ok: true, status: 200 };
const err500 = { ok: false, status: 500 };
const gone = { ok: false, status: 410 };
const noAnswer = { ok: false, status: null };

describe("decideAttempt", () => {
  const cases: [string, AttemptTrigger, number, { ok: boolean; status: number | null }, DeliveryDecision][] = [
    ["first attempt succeeds", "scheduled", 0, ok, d("succeeded", 1, null, "reset")],
    ["first attempt fails: wait ~1 m", "scheduled", 0, err500, d("pending", 1, 60_000, null)],
    ["second attempt times out: wait ~5 m", "scheduled", 1, noAnswer, d("pending", 2, 300_000, null)],
    ["third attempt fails: wait ~30 m", "scheduled", 2, err500, d("pending", 3, 1_800_000, null)],
    ["fourth attempt fails: failed for good", "scheduled", 3, err500, d("failed", 4, null, "count", true)],
    ["fourth attempt succeeds", "scheduled", 3, ok, d("succeeded", 4, null, "reset")],
    ["410 Gone ends it at once", "scheduled", 0, gone, d("failed", 1, null, "gone")],
    ["manual success ends it", "manual", 0, ok, d("succeeded", null, null, "reset")],
    ["manual failure leaves the schedule alone", "manual", 0, err500, d(null, null, null, null)],
    ["manual 410 ends it and disables", "manual", 0, gone, d("failed", null, null, "gone")],
    ["test ping success", "test", 0, ok, d("succeeded", null, null, null)],
    ["test ping failure never counts", "test", 0, gone, d("failed", null, null, null)],
  ];
  it.each(cases)("%s", (_name, trigger, before, result, expected) => {
    expect(
      decideAttempt({ trigger, scheduledAttemptsBefore: before, result, schedule: SCHEDULE, jitter: (ms) => ms }),
    ).toEqual(expected);
  });

  it("draws the jitter for each retry", () => {
    const decision = decideAttempt({
      trigger: "scheduled",
      scheduledAttemptsBefore: 0,
      result: err500,
      schedule: SCHEDULE,
      jitter: (ms) => ms * 1.1,
    });
    expect(decision.retryInMs).toBe(66_000);
  });
});

describe("nextEndpointHealth", () => {
  const healthy: EndpointHealth = { consecutiveFailures: 0, enabled: true, disabledReason: null };
  const at = (n: number): EndpointHealth => ({ consecutiveFailures: n, enabled: true, disabledReason: null });
  const cases: [string, EndpointHealth, HealthEffect[], ReturnType<typeof nextEndpointHealth>][] = [
    ["successes keep a healthy endpoint as it is", healthy, ["reset", null, "reset"], h(0, true, null, null)],
    ["a failed delivery counts one", healthy, ["count"], h(1, true, null, null)],
    ["a success resets the count", at(7), ["count", "reset", "count"], h(1, true, null, null)],
    ["the last failure of the threshold disables", at(AUTO_DISABLE_AFTER - 1), ["count"], disabled("failures")],
    ["410 disables at once, whatever the count", at(3), ["gone"], h(3, false, GONE_REASON, "gone")],
    [
      "a disabled endpoint stays disabled on success, its count reset",
      { consecutiveFailures: 4, enabled: false, disabledReason: "by an owner" },
      ["reset"],
      h(0, false, "by an owner", null),
    ],
    [
      "disabling happens once",
      at(AUTO_DISABLE_AFTER - 1),
      ["count", "count", "gone"],
      { ...disabled("failures"), consecutiveFailures: AUTO_DISABLE_AFTER + 1 },
    ],
  ];
  it.each(cases)("%s", (_name, before, effects, expected) => {
    expect(nextEndpointHealth(before, effects)).toEqual(expected);
  });

  function disabled(kind: "failures"): ReturnType<typeof nextEndpointHealth> {
    return h(AUTO_DISABLE_AFTER, false, AUTO_DISABLE_REASON, kind);
  }
});

function d(
  status: DeliveryDecision["status"],
  scheduledAttempts: number | null,
  retryInMs: number | null,
  health: HealthEffect,
  exhausted = false,
): DeliveryDecision {
  return { status, scheduledAttempts, retryInMs, health, exhausted };
}

function h(
  consecutiveFailures: number,
  enabled: boolean,
  disabledReason: string | null,
  disabledNow: "gone" | "failures" | null,
): ReturnType<typeof nextEndpointHealth> {
  return { consecutiveFailures, enabled, disabledReason, disabledNow };
}
