import { describe, expect, it } from "vitest";
import { EVENT_CATALOGUE, parseEventData } from "@/lib/webhooks/event-catalogue";
import { serializeEnvelope } from "@/lib/webhooks/envelope";
import { generateSigningSecret } from "@/lib/webhooks/sign-payload";
import { deliverSigned } from "@/test/support/deliver-signed";
import { snippetAccepts } from "@/test/support/run-snippet";
import { NODE_SNIPPET, PYTHON_SNIPPET } from "./verification-snippets";

// The verification code the dashboard and docs/receiving-webhooks.md show, run with node and
// python3 on what a loopback receiver got from a real signed delivery.
const body = serializeEnvelope({
  event: "booking.created",
  timestamp: new Date("2026-03-07T10:10:00Z"),
  organizationId: "550e8400-e29b-41d4-a716-446655440000",
  data: parseEventData("booking.created", { ...EVENT_CATALOGUE["booking.created"].sample, service: "Färben ✂️" }),
});

const SNIPPETS = [
  { language: "node", code: NODE_SNIPPET, empfio: "verifyEmpfioSignature", standard: "verifyStandardWebhook" },
  { language: "python", code: PYTHON_SNIPPET, empfio: "verify_empfio_signature", standard: "verify_standard_webhook" },
] as const;

describe.each(SNIPPETS)("the dashboard's $language verification code", ({ language, code, empfio, standard }) => {
  const accepts = (fn: string, request: { body: string; headers: Record<string, unknown> }, secret: string) =>
    snippetAccepts(language, code, `${fn}(body, headers, secret)`, {
      body: request.body,
      headers: Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, String(v)])),
      secret,
    });

  it("accepts a real delivery by either scheme, and refuses it tampered with or under another secret", async () => {
    const secret = generateSigningSecret();
    const received = await deliverSigned(body, { current: secret });
    expect(accepts(empfio, received, secret)).toBe(true);
    expect(accepts(standard, received, secret)).toBe(true);
    const tampered = { ...received, body: received.body.replace("Färben", "Farben") };
    expect(accepts(empfio, tampered, secret)).toBe(false);
    expect(accepts(standard, tampered, secret)).toBe(false);
    expect(accepts(empfio, received, generateSigningSecret())).toBe(false);
  });

  it("accepts, during a rotation, with the old secret and with the new one", async () => {
    const [previous, current] = [generateSigningSecret(), generateSigningSecret()];
    const received = await deliverSigned(body, { current, previous });
    for (const secret of [previous, current]) {
      expect(accepts(empfio, received, secret)).toBe(true);
      expect(accepts(standard, received, secret)).toBe(true);
    }
  });

  it("refuses a Standard Webhooks delivery replayed outside the five-minute window", async () => {
    const secret = generateSigningSecret();
    const received = await deliverSigned(body, { current: secret }, { timestamp: Math.floor(Date.now() / 1000) - 600 });
    expect(accepts(standard, received, secret)).toBe(false);
    expect(accepts(empfio, received, secret)).toBe(true);
  });
});
