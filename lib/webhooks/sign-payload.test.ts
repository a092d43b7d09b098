import { describe, expect, it } from "vitest";
import { nodeSnippet, pythonSnippet, seedNodeVerifies, seedPython, seedPythonVerifies } from "@/test/helpers/seed-snippets";
import { serializeEnvelope } from "./envelope";
import { buildSignatureHeaders, generateSigningSecret, verifyEmpfioSignature, verifyStandardWebhook } from "./sign-payload";

const body = serializeEnvelope({
  event: "booking.created",
  timestamp: new Date("2026-03-07T10:30:00Z"),
  organizationId: "550e8400-e29b-41d4-a716-446655440000",
  data: { id: "770a9400-e29b-41d4-a716-446655440002", service: "Haircut ✂️" },
});

describe("signatures", () => {
  it("are verified by the seed's Python and Node snippets, unmodified, and fail on a tampered body", () => {
    expect(pythonSnippet.replace(/\s+/g, "")).toBe(seedPython.replace(/\s+/g, ""));
    expect(nodeSnippet).toContain("function verifySignature");
    const secret = generateSigningSecret();
    const headers = buildSignatureHeaders({ body, webhookId: "d-1", timestamp: 1_772_879_400, secrets: { current: secret } });
    expect(seedPythonVerifies(body, headers["X-Empfio-Signature"], secret)).toBe(true);
    expect(seedNodeVerifies(body, headers["X-Empfio-Signature"], secret)).toBe(true);
    const tampered = body.replace("Haircut", "Haircat");
    expect(seedPythonVerifies(tampered, headers["X-Empfio-Signature"], secret)).toBe(false);
    expect(seedNodeVerifies(tampered, headers["X-Empfio-Signature"], secret)).toBe(false);
  });

  it("follow Standard Webhooks, with a replay window", () => {
    const secret = generateSigningSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const ts = 1_772_879_400;
    const h = buildSignatureHeaders({ body, webhookId: "msg_1", timestamp: ts, secrets: { current: secret } });
    const std = { id: h["webhook-id"], timestamp: h["webhook-timestamp"], signature: h["webhook-signature"] };
    expect(verifyStandardWebhook(std, body, secret, { now: ts + 10 })).toBe(true);
    expect(verifyStandardWebhook(std, body, secret, { now: ts + 3600 })).toBe(false);
    expect(verifyStandardWebhook({ ...std, id: "msg_2" }, body, secret, { now: ts })).toBe(false);
  });

  it("during a rotation, receivers holding either the old or the new secret verify every request", () => {
    const previous = generateSigningSecret();
    const current = generateSigningSecret();
    const ts = 1_772_879_400;
    const h = buildSignatureHeaders({ body, webhookId: "msg_1", timestamp: ts, secrets: { current, previous } });
    expect(verifyEmpfioSignature(body, h["X-Empfio-Signature"], previous)).toBe(true);
    expect(verifyEmpfioSignature(body, h["X-Empfio-Signature-Next"], current)).toBe(true);
    expect(h["X-Empfio-Signature"]).toMatch(/^[0-9a-f]{64}$/);
    const std = { id: h["webhook-id"], timestamp: h["webhook-timestamp"], signature: h["webhook-signature"] };
    expect(verifyStandardWebhook(std, body, previous, { now: ts })).toBe(true);
    expect(verifyStandardWebhook(std, body, current, { now: ts })).toBe(true);
    const after = buildSignatureHeaders({ body, webhookId: "msg_1", timestamp: ts, secrets: { current } });
    expect(verifyEmpfioSignature(body, after["X-Empfio-Signature"], current)).toBe(true);
    expect(after["X-Empfio-Signature-Next"]).toBeUndefined();
  });

  it("keep the envelope's key order and the bytes that were signed", () => {
    expect(Object.keys(JSON.parse(body))).toEqual(["event", "timestamp", "organization_id", "data"]);
    expect(JSON.parse(body).timestamp).toBe("2026-03-07T10:30:00Z");
  });
});
