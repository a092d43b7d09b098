import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { fixtureText } from "@/test/support/load-fixture";
import { parseVardaSignatureHeader, verifyVardaSignature } from "./verify-varda-signature";

const SECRET = "whsec_varda_test";
const rawBody = Buffer.from(fixtureText("varda-call-outcome-tagged.json"));
const T = 1_774_463_730; // 2026-03-25T18:35:30Z, the seed event's time
const now = new Date(T * 1000);
const sign = (t: number, secret = SECRET, body: Buffer = rawBody) =>
  createHmac("sha256", secret)
    .update(`${t}.${body.toString("utf8")}`)
    .digest("hex");
const verify = (header: string | null, at = now) => verifyVardaSignature({ rawBody, header, secret: SECRET, now: at });

describe("verifyVardaSignature", () => {
  it("accepts t=<seconds>,v1=<hmac of `t.body`>, with spaces and other schemes tolerated", () => {
    expect(verify(`t=${T},v1=${sign(T)}`)).toEqual({ ok: true, verification: "verified" });
    expect(verify(` t=${T} , v0=abc, v1=${sign(T)} `).ok).toBe(true);
  });

  it("accepts any of several v1 entries (a secret being rolled)", () => {
    expect(verify(`t=${T},v1=${sign(T, "old-secret")},v1=${sign(T)}`).ok).toBe(true);
    expect(verify(`t=${T},v1=${sign(T, "old-secret")},v1=${sign(T, "older")}`)).toMatchObject({
      ok: false,
      reason: "bad_signature",
    });
  });

  it("refuses a signature that does not cover this body or this timestamp", () => {
    expect(verify(`t=${T},v1=${sign(T, SECRET, Buffer.from("{}"))}`)).toMatchObject({
      ok: false,
      reason: "bad_signature",
    });
    expect(verify(`t=${T + 1},v1=${sign(T)}`)).toMatchObject({ ok: false, reason: "bad_signature" });
  });

  it("refuses timestamps older than 5 minutes and far in the future, and accepts the edges", () => {
    expect(verify(`t=${T},v1=${sign(T)}`, new Date((T + 300) * 1000)).ok).toBe(true);
    expect(verify(`t=${T},v1=${sign(T)}`, new Date((T + 301) * 1000))).toMatchObject({
      ok: false,
      reason: "stale_timestamp",
      message: expect.stringContaining("301 s old"),
    });
    expect(verify(`t=${T},v1=${sign(T)}`, new Date((T - 300) * 1000)).ok).toBe(true);
    expect(verify(`t=${T},v1=${sign(T)}`, new Date((T - 301) * 1000))).toMatchObject({
      ok: false,
      reason: "future_timestamp",
    });
  });

  it.each([
    ["", "missing_signature"],
    [`v1=${"a".repeat(64)}`, "malformed_signature"],
    [`t=${T}`, "malformed_signature"],
    [`t=abc,v1=${"a".repeat(64)}`, "malformed_signature"],
    [`t=${T},t=${T},v1=${"a".repeat(64)}`, "malformed_signature"],
    ["garbage", "malformed_signature"],
    [`t=${T},v1=nothex`, "bad_signature"],
  ])("refuses header %j as %s", (header, reason) => {
    expect(verify(header)).toMatchObject({ ok: false, reason });
  });

  it("refuses everything without a configured secret", () => {
    expect(verifyVardaSignature({ rawBody, header: `t=${T},v1=${sign(T)}`, secret: null, now })).toMatchObject({
      ok: false,
      reason: "not_configured",
    });
  });

  it("parses the header into a timestamp and every v1 entry", () => {
    expect(parseVardaSignatureHeader("t=5,v1=aa,v1=bb")).toEqual({ timestamp: 5, signatures: ["aa", "bb"] });
  });
});
