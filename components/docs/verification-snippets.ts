// Receiver-side verification code matching how Empfio signs (see lib/webhooks/sign-payload):
// X-Empfio-Signature = hex HMAC-SHA256 of the raw body, keyed with the secret string as is;
// Standard Webhooks = base64 HMAC-SHA256 of "id.timestamp.body", keyed with the base64-decoded
// part of the secret after "whsec_". During a rotation X-Empfio-Signature-Next carries the new secret.
export const NODE_SNIPPET = `const crypto = require("crypto");

// Use the raw body bytes, before any JSON parsing, e.g. in Express:
// app.post("/webhooks/empfio", express.raw({ type: "application/json" }), handler)
function safeEqual(a, b) {
  return a.length === b.length && crypto.timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

function verifyEmpfioSignature(rawBody, headers, secret) {
  const expected = crypto.createHmac("sha256", secret).update(rawBody).digest("hex");
  // For 24 h after a secret rotation, the new secret signs X-Empfio-Signature-Next.
  return [headers["x-empfio-signature"], headers["x-empfio-signature-next"]]
    .filter(Boolean)
    .some((signature) => safeEqual(signature, expected));
}

// Or verify the Standard Webhooks headers, which also protect against replays.
function verifyStandardWebhook(rawBody, headers, secret, toleranceSeconds = 300) {
  const id = headers["webhook-id"];
  const timestamp = headers["webhook-timestamp"];
  if (!id || !timestamp || Math.abs(Date.now() / 1000 - Number(timestamp)) > toleranceSeconds) return false;
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  const expected = crypto.createHmac("sha256", key).update(\`\${id}.\${timestamp}.\${rawBody}\`).digest("base64");
  return (headers["webhook-signature"] ?? "")
    .split(" ")
    .some((entry) => entry.startsWith("v1,") && safeEqual(entry.slice(3), expected));
}
`;

export const PYTHON_SNIPPET = `import base64
import hashlib
import hmac
import time

# Use the raw body bytes, before any JSON parsing (Flask: request.get_data()).
def verify_empfio_signature(body: bytes, headers, secret: str) -> bool:
    expected = hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()
    # For 24 h after a secret rotation, the new secret signs X-Empfio-Signature-Next.
    candidates = [headers.get("X-Empfio-Signature"), headers.get("X-Empfio-Signature-Next")]
    return any(c and hmac.compare_digest(c, expected) for c in candidates)

# Or verify the Standard Webhooks headers, which also protect against replays.
def verify_standard_webhook(body: bytes, headers, secret: str, tolerance_seconds: int = 300) -> bool:
    msg_id = headers.get("webhook-id")
    timestamp = headers.get("webhook-timestamp")
    if not msg_id or not timestamp or abs(time.time() - int(timestamp)) > tolerance_seconds:
        return False
    key = base64.b64decode(secret.removeprefix("whsec_"))
    signed = f"{msg_id}.{timestamp}.".encode() + body
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    return any(
        entry.startswith("v1,") and hmac.compare_digest(entry[3:], expected)
        for entry in headers.get("webhook-signature", "").split(" ")
    )
`;
