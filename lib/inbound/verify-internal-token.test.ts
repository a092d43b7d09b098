import { describe, expect, it } from "vitest";
import { verifyInternalToken } from "./verify-internal-token";

const TOKEN = "internal-test-token-0123456789";

describe("verifyInternalToken", () => {
  it("accepts the configured bearer token, whatever the scheme's case", () => {
    expect(verifyInternalToken(`Bearer ${TOKEN}`, TOKEN)).toEqual({ ok: true, verification: "verified" });
    expect(verifyInternalToken(`bearer ${TOKEN}`, TOKEN).ok).toBe(true);
  });

  it.each([
    [null, "missing_credentials"],
    ["", "missing_credentials"],
    [`Bearer ${TOKEN}x`, "bad_credentials"],
    [`Bearer ${TOKEN.slice(0, -1)}`, "bad_credentials"],
    ["Bearer wrong", "bad_credentials"],
    [`Basic ${Buffer.from(`agent:${TOKEN}`).toString("base64")}`, "malformed_credentials"],
    [TOKEN, "malformed_credentials"],
  ])("refuses %s as %s", (header, reason) => {
    const result = verifyInternalToken(header, TOKEN);
    expect(result).toMatchObject({ ok: false, reason });
    expect(result.ok || result.message.length > 10).toBe(true);
  });

  it("refuses everything when INTERNAL_AUTH_TOKEN is not configured, even an empty bearer", () => {
    expect(verifyInternalToken("Bearer anything", undefined)).toMatchObject({
      ok: false,
      reason: "not_configured",
      message: expect.stringContaining("INTERNAL_AUTH_TOKEN"),
    });
    expect(verifyInternalToken("Bearer ", "")).toMatchObject({ ok: false, reason: "not_configured" });
  });
});
