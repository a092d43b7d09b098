import { describe, expect, it } from "vitest";
import {
  nodeSnippet,
  pythonSnippet,
  seedNodeVerifies,
  seedPython,
  seedPythonVerifies,
} from "@/test/support/seed-snippets";
import { serializeEnvelope } from "./envelope";
import {
  buildSignatureHeaders,
  generateSigningSecret,
  isValidSigningSecret,
  standardSignature,
  verifyEmpfioRequest,
  verifyEmpfioSignature,
  verifyStandardWebhook,
} from "./sign-payload";

const body = serializeEnvelope({
  event: "booking.created",
  timestamp: new Date("2026-03-07T10:30:00Z"),
  organizationId: "550e8400-e29b-41d4-a716-446655440000",
  data: { id: "770a9400-e29b-41d4-a716-446655440002", service: "Haircut ✂️" },
});
const TS = 1_772_879_400;
const stdHeaders = (h: Record<string, string>) => ({
  id: h["webhook-id"],
  timestamp: h["webhook-timestamp"],
  signature: h["webhook-signature"],
});
const lower = (h: Record<string, string>) =>
  Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));

describe("signing secrets", () => {
  it("are whsec_ + base64 of 32 random bytes, valid for Standard Webhooks, and never repeat", () => {
    const secrets = Array.from({ length: 50 }, generateSigningSecret);
    for (const s of secrets) {
      expect(s).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
      expect(Buffer.from(s.slice(6), "base64")).toHaveLength(32);
      expect(isValidSigningSecret(s)).toBe(true);
    }
    expect(new Set(secrets).size).toBe(50);
    expect(isValidSigningSecret("whsec_short")).toBe(false);
    expect(isValidSigningSecret("sk_" + secrets[0].slice(6))).toBe(false);
  });
});

describe("X-Empfio-Signature", () => {
  it("is verified by the seed's Python and Node snippets, unmodified, and fails on a tampered body", () => {
    expect(pythonSnippet.replace(/\s+/g, "")).toBe(seedPython.replace(/\s+/g, ""));
    expect(nodeSnippet).toContain("function verifySignature");
    const secret = generateSigningSecret();
    const headers = buildSignatureHeaders({ body, webhookId: "d-1", timestamp: TS, secrets: { current: secret } });
    expect(headers["X-Empfio-Signature"]).toMatch(/^[0-9a-f]{64}$/);
    expect(seedPythonVerifies(body, headers["X-Empfio-Signature"], secret)).toBe(true);
    expect(seedNodeVerifies(body, headers["X-Empfio-Signature"], secret)).toBe(true);
    const tampered = body.replace("Haircut", "Haircat");
    expect(seedPythonVerifies(tampered, headers["X-Empfio-Signature"], secret)).toBe(false);
    expect(seedNodeVerifies(tampered, headers["X-Empfio-Signature"], secret)).toBe(false);
    expect(seedNodeVerifies(body, headers["X-Empfio-Signature"], generateSigningSecret())).toBe(false);
  });
});

describe("Standard Webhooks headers", () => {
  it("match the specification's published test vector", () => {
    expect(
      standardSignature(
        "msg_p5jXN8AQM9LWM0D4loKWxJek",
        1614265330,
        '{"test": 2432232314}',
        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
      ),
    ).toBe("g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  });

  it("carry the delivery id and the time, and verify only within the replay window", () => {
    const secret = generateSigningSecret();
    const h = buildSignatureHeaders({ body, webhookId: "delivery-1", timestamp: TS, secrets: { current: secret } });
    expect(h).toMatchObject({ "webhook-id": "delivery-1", "webhook-timestamp": String(TS) });
    expect(h["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
    expect(verifyStandardWebhook(stdHeaders(h), body, secret, { now: TS + 10 })).toBe(true);
    expect(verifyStandardWebhook(stdHeaders(h), body, secret, { now: TS + 301 })).toBe(false);
    expect(verifyStandardWebhook(stdHeaders(h), body, secret, { now: TS - 301 })).toBe(false);
    expect(verifyStandardWebhook(stdHeaders(h), body, secret, { now: TS + 3000, toleranceSeconds: 3600 })).toBe(true);
    expect(verifyStandardWebhook({ ...stdHeaders(h), id: "delivery-2" }, body, secret, { now: TS })).toBe(false);
    expect(verifyStandardWebhook({ ...stdHeaders(h), timestamp: String(TS + 1) }, body, secret, { now: TS })).toBe(
      false,
    );
    expect(verifyStandardWebhook(stdHeaders(h), body.replace("Haircut", "Haircat"), secret, { now: TS })).toBe(false);
    expect(verifyStandardWebhook({ ...stdHeaders(h), timestamp: "soon" }, body, secret, { now: TS })).toBe(false);
  });
});

describe("rotation", () => {
  const previous = generateSigningSecret();
  const current = generateSigningSecret();

  it("during the overlap, keeps X-Empfio-Signature one hex HMAC with the old secret and adds the new one beside it", () => {
    const h = buildSignatureHeaders({ body, webhookId: "msg_1", timestamp: TS, secrets: { current, previous } });
    expect(h["X-Empfio-Signature"]).toMatch(/^[0-9a-f]{64}$/);
    // A receiver that has not updated keeps verifying with the seed's snippet, unmodified.
    expect(seedNodeVerifies(body, h["X-Empfio-Signature"], previous)).toBe(true);
    // A receiver that already has the new secret finds its signature in the -Next header.
    expect(seedNodeVerifies(body, h["X-Empfio-Signature-Next"], current)).toBe(true);
    expect(verifyEmpfioRequest(body, lower(h), previous)).toBe(true);
    expect(verifyEmpfioRequest(body, lower(h), current)).toBe(true);
    expect(verifyEmpfioRequest(body, lower(h), generateSigningSecret())).toBe(false);
    expect(h["webhook-signature"].split(" ")).toHaveLength(2);
    expect(verifyStandardWebhook(stdHeaders(h), body, previous, { now: TS })).toBe(true);
    expect(verifyStandardWebhook(stdHeaders(h), body, current, { now: TS })).toBe(true);
  });

  it("after the overlap, signs with the new secret only", () => {
    const h = buildSignatureHeaders({ body, webhookId: "msg_1", timestamp: TS, secrets: { current } });
    expect(verifyEmpfioSignature(body, h["X-Empfio-Signature"], current)).toBe(true);
    expect(verifyEmpfioSignature(body, h["X-Empfio-Signature"], previous)).toBe(false);
    expect(h["X-Empfio-Signature-Next"]).toBeUndefined();
    expect(verifyStandardWebhook(stdHeaders(h), body, previous, { now: TS })).toBe(false);
  });
});
