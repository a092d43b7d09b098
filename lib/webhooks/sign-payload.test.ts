import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { serializeEnvelope } from "./envelope";
import { buildSignatureHeaders, generateSigningSecret, verifyEmpfioSignature, verifyStandardWebhook } from "./sign-payload";

// The customer guide's snippets from the seed: our signatures must satisfy them unmodified.
const seed = readFileSync(path.join(process.cwd(), "..", "shared", "seeds", "empfio-custom-webhooks.txt"), "utf8");
const seedPython = seed.slice(seed.indexOf("import hmac"), seed.indexOf("return hmac.compare_digest(signature, expected)") + "return hmac.compare_digest(signature, expected)".length);
// The seed's text lost its indentation, which Python needs; this is the same code, re-indented
// (the first test checks it equals the seed's once white space is ignored).
const pythonSnippet = `import hmac
import hashlib
def verify_signature(body: bytes, signature: str, secret: str) -> bool:
    expected = hmac.new(
        key=secret.encode("utf-8"),
        msg=body,
        digestmod=hashlib.sha256,
    ).hexdigest()
    return hmac.compare_digest(signature, expected)`;
const nodeSnippet = seed.slice(seed.indexOf('const crypto = require("crypto");'), seed.indexOf("Retries\nIf your endpoint")).trim();

function seedPythonVerifies(body: string, signature: string, secret: string): boolean {
  const dir = mkdtempSync(path.join(tmpdir(), "py-verify-"));
  writeFileSync(path.join(dir, "body.bin"), body);
  writeFileSync(path.join(dir, "check.py"), `${pythonSnippet}\n\nimport sys\nbody = open(sys.argv[1], "rb").read()\nprint("VALID" if verify_signature(body, sys.argv[2], sys.argv[3]) else "INVALID")\n`);
  const r = spawnSync("python3", [path.join(dir, "check.py"), path.join(dir, "body.bin"), signature, secret], { encoding: "utf8" });
  return r.stdout.trim() === "VALID";
}

function seedNodeVerifies(body: string, signature: string, secret: string): boolean {
  const script = `${nodeSnippet}\nconst fs = require("fs");\nconst body = fs.readFileSync(process.argv[1]);\ntry { console.log(verifySignature(body, process.argv[2], process.argv[3]) ? "VALID" : "INVALID"); } catch { console.log("INVALID"); }\n`;
  const dir = mkdtempSync(path.join(tmpdir(), "node-verify-"));
  writeFileSync(path.join(dir, "body.bin"), body);
  const r = spawnSync(process.execPath, ["-e", script, path.join(dir, "body.bin"), signature, secret], { encoding: "utf8" });
  return r.stdout.trim() === "VALID";
}

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
