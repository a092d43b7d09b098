import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { fixtureText } from "@/test/support/load-fixture";
import { verifyCalcomSignature } from "./verify-calcom-signature";

const SECRET = "calcom-secret";
const body = Buffer.from(fixtureText("calcom-booking-created.json"));
const sign = (raw: Buffer, secret = SECRET) => createHmac("sha256", secret).update(raw).digest("hex");

describe("verifyCalcomSignature", () => {
  it("accepts the hex HMAC-SHA256 of the raw body, in either hex case", () => {
    expect(verifyCalcomSignature(body, sign(body), SECRET)).toEqual({ ok: true, verification: "verified" });
    expect(verifyCalcomSignature(body, sign(body).toUpperCase(), SECRET).ok).toBe(true);
  });

  it("refuses a signature over other bytes, with another secret, malformed or missing", () => {
    const reserialized = Buffer.from(JSON.stringify(JSON.parse(body.toString())));
    expect(verifyCalcomSignature(body, sign(reserialized), SECRET)).toMatchObject({
      ok: false,
      reason: "bad_signature",
    });
    expect(verifyCalcomSignature(body, sign(body, "other"), SECRET)).toMatchObject({
      ok: false,
      reason: "bad_signature",
    });
    expect(verifyCalcomSignature(body, sign(body).slice(0, 63), SECRET)).toMatchObject({
      ok: false,
      reason: "bad_signature",
    });
    expect(verifyCalcomSignature(body, `sha256=${sign(body)}`, SECRET)).toMatchObject({
      ok: false,
      reason: "bad_signature",
    });
    expect(verifyCalcomSignature(body, null, SECRET)).toMatchObject({
      ok: false,
      reason: "missing_signature",
      message: expect.stringContaining("X-Cal-Signature-256"),
    });
  });

  it("passes unsigned deliveries as not_configured when no secret is set", () => {
    expect(verifyCalcomSignature(body, null, undefined)).toEqual({ ok: true, verification: "not_configured" });
    expect(verifyCalcomSignature(body, null, "")).toEqual({ ok: true, verification: "not_configured" });
  });
});
