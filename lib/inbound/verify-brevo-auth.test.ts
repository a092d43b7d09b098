import { describe, expect, it } from "vitest";
import { verifyBrevoAuth } from "./verify-brevo-auth";

const basicHeader = (user: string, pass: string) => `Basic ${Buffer.from(`${user}:${pass}`).toString("base64")}`;
const both = { bearerToken: "brevo-token-123", basic: { username: "empfio", password: "p:ss:word" } };

describe("verifyBrevoAuth", () => {
  it("accepts the connection's bearer token or its basic-auth user:password (colons allowed in the password)", () => {
    expect(verifyBrevoAuth("Bearer brevo-token-123", both)).toEqual({ ok: true, verification: "verified" });
    expect(verifyBrevoAuth(basicHeader("empfio", "p:ss:word"), both)).toEqual({ ok: true, verification: "verified" });
  });

  it.each([
    ["Bearer brevo-token-12", "bad_credentials"],
    [basicHeader("empfio", "p:ss:wordx"), "bad_credentials"],
    [basicHeader("other", "p:ss:word"), "bad_credentials"],
    [null, "missing_credentials"],
    ["Basic !!notbase64!!", "malformed_credentials"],
    [`Basic ${Buffer.from("no-colon").toString("base64")}`, "malformed_credentials"],
    ["Digest abc", "malformed_credentials"],
  ])("refuses %s as %s", (header, reason) => {
    expect(verifyBrevoAuth(header, both)).toMatchObject({ ok: false, reason });
  });

  it("accepts only the kind of credentials the connection has", () => {
    expect(verifyBrevoAuth(basicHeader("empfio", "x"), { bearerToken: "t" })).toMatchObject({
      ok: false,
      reason: "bad_credentials",
      message: expect.stringContaining("bearer token"),
    });
    expect(verifyBrevoAuth("Bearer t", { basic: { username: "u", password: "p" } })).toMatchObject({
      ok: false,
      reason: "bad_credentials",
      message: expect.stringContaining("basic-auth"),
    });
    expect(verifyBrevoAuth("Bearer t", {})).toMatchObject({ ok: false, reason: "not_configured" });
  });
});
