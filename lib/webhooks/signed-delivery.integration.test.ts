import { afterEach, describe, expect, it } from "vitest";
import { startReceiver, type Received } from "@/test/support/receiver";
import { seedNodeVerifies, seedPythonVerifies } from "@/test/support/seed-snippets";
import { EVENT_CATALOGUE, parseEventData } from "./event-catalogue";
import { serializeEnvelope } from "./envelope";
import { sendWebhookRequest } from "./send-webhook-request";
import {
  buildSignatureHeaders,
  generateSigningSecret,
  verifyEmpfioRequest,
  verifyStandardWebhook,
  type SigningSecrets,
} from "./sign-payload";

// Sign, send over a real loopback socket, and verify what the receiver actually got, the way a
// customer's server would: the seed's snippets (run with python3 and node), Standard Webhooks.

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

const body = serializeEnvelope({
  event: "booking.created",
  timestamp: new Date("2026-03-07T10:10:00Z"),
  organizationId: "550e8400-e29b-41d4-a716-446655440000",
  data: parseEventData("booking.created", {
    ...EVENT_CATALOGUE["booking.created"].sample,
    service: "Balayage & Schnitt ✂️",
  }),
});

async function deliver(secrets: SigningSecrets, webhookId = "5f0c1a9e-7d1b-4c1e-9a51-0e7f4f3f2b10") {
  const r = await startReceiver();
  cleanups.push(r.close);
  const timestamp = Math.floor(Date.now() / 1000);
  const headers = {
    "X-Empfio-Event": "booking.created",
    ...buildSignatureHeaders({ body, webhookId, timestamp, secrets }),
  };
  const result = await sendWebhookRequest({ url: r.url, body, headers, allowInsecure: true });
  expect(result.ok).toBe(true);
  return r.received[0];
}

const header = (req: Received, name: string) => String(req.headers[name]);
const std = (req: Received) => ({
  id: header(req, "webhook-id"),
  timestamp: header(req, "webhook-timestamp"),
  signature: header(req, "webhook-signature"),
});

describe("a real signed delivery", () => {
  it("arrives byte for byte as signed, with the event type and a stable webhook-id", async () => {
    const req = await deliver({ current: generateSigningSecret() }, "delivery-42");
    expect(req.body).toBe(body);
    expect(req.headers["x-empfio-event"]).toBe("booking.created");
    expect(req.headers["webhook-id"]).toBe("delivery-42");
    expect(Math.abs(Number(req.headers["webhook-timestamp"]) - Date.now() / 1000)).toBeLessThan(5);
  });

  it("verifies with the seed's Python and Node snippets, unmodified, and fails once the body is tampered with", async () => {
    const secret = generateSigningSecret();
    const req = await deliver({ current: secret });
    const signature = header(req, "x-empfio-signature");
    expect(seedPythonVerifies(req.body, signature, secret)).toBe(true);
    expect(seedNodeVerifies(req.body, signature, secret)).toBe(true);
    const tampered = req.body.replace('"calcom_booking_id":12345', '"calcom_booking_id":12346');
    expect(tampered).not.toBe(req.body);
    expect(seedPythonVerifies(tampered, signature, secret)).toBe(false);
    expect(seedNodeVerifies(tampered, signature, secret)).toBe(false);
  });

  it("verifies as a Standard Webhook, and not once replayed outside the window or tampered with", async () => {
    const secret = generateSigningSecret();
    const req = await deliver({ current: secret });
    expect(verifyStandardWebhook(std(req), req.body, secret)).toBe(true);
    expect(verifyStandardWebhook(std(req), req.body, secret, { now: Math.floor(Date.now() / 1000) + 600 })).toBe(false);
    expect(verifyStandardWebhook(std(req), req.body.replace("Balayage", "Dauerwelle"), secret)).toBe(false);
  });

  it("during a rotation, a receiver with the old secret and one with the new secret both verify", async () => {
    const previous = generateSigningSecret();
    const current = generateSigningSecret();
    const req = await deliver({ current, previous });
    // Not updated yet: the seed's snippet on X-Empfio-Signature, as before the rotation.
    expect(seedPythonVerifies(req.body, header(req, "x-empfio-signature"), previous)).toBe(true);
    // Already updated: the same snippet on X-Empfio-Signature-Next, or either header.
    expect(seedPythonVerifies(req.body, header(req, "x-empfio-signature-next"), current)).toBe(true);
    expect(verifyEmpfioRequest(req.body, req.headers, previous)).toBe(true);
    expect(verifyEmpfioRequest(req.body, req.headers, current)).toBe(true);
    expect(verifyStandardWebhook(std(req), req.body, previous)).toBe(true);
    expect(verifyStandardWebhook(std(req), req.body, current)).toBe(true);

    const after = await deliver({ current });
    expect(seedPythonVerifies(after.body, header(after, "x-empfio-signature"), current)).toBe(true);
    expect(after.headers["x-empfio-signature-next"]).toBeUndefined();
    expect(verifyEmpfioRequest(after.body, after.headers, previous)).toBe(false);
  });
});
