import { describe, expect, it } from "vitest";
import { checkDeliverySettings as check } from "./check-delivery-settings";

const checkDeliverySettings = (vars: Record<string, string>) => check({ NODE_ENV: "production", ...vars });

describe("checkDeliverySettings", () => {
  it("accepts the defaults and well-formed values", () => {
    expect(checkDeliverySettings({})).toBeNull();
    expect(
      checkDeliverySettings({
        WEBHOOK_RETRY_SCHEDULE: "30s,2m",
        WEBHOOK_MAX_ENDPOINTS_PER_ORGANIZATION: "100",
        WEBHOOK_TIMEOUT_MS: "5000",
      }),
    ).toBeNull();
  });

  it.each([
    [{ WEBHOOK_RETRY_SCHEDULE: "1m,5 minutes" }, /WEBHOOK_RETRY_SCHEDULE: "5 minutes"/],
    [{ WEBHOOK_MAX_ENDPOINTS_PER_ORGANIZATION: "fifty" }, /WEBHOOK_MAX_ENDPOINTS_PER_ORGANIZATION must be/],
    [{ WEBHOOK_MAX_ENDPOINTS_PER_ORGANIZATION: "0" }, /WEBHOOK_MAX_ENDPOINTS_PER_ORGANIZATION must be/],
    [{ WEBHOOK_TIMEOUT_MS: "10s" }, /WEBHOOK_TIMEOUT_MS must be/],
  ])("names the setting that is wrong: %o", (env, message) => {
    expect(checkDeliverySettings(env)).toMatch(message);
  });
});
