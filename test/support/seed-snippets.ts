import { readSeed } from "./read-seed";
import { snippetAccepts } from "./run-snippet";

// The customer guide's verification snippets from the seed (empfio-custom-webhooks.txt).
const seed = readSeed("empfio-custom-webhooks.txt");
const PY_END = "return hmac.compare_digest(signature, expected)";
export const seedPython = seed.slice(seed.indexOf("import hmac"), seed.indexOf(PY_END) + PY_END.length);
export const nodeSnippet = seed
  .slice(seed.indexOf('const crypto = require("crypto");'), seed.indexOf("Retries\nIf your endpoint"))
  .trim();
// The seed's text lost its indentation, which Python needs; this is the same code re-indented
// (sign-payload.test.ts checks it equals the seed's once white space is ignored).
export const pythonSnippet = `import hmac
import hashlib
def verify_signature(body: bytes, signature: str, secret: str) -> bool:
    expected = hmac.new(
        key=secret.encode("utf-8"),
        msg=body,
        digestmod=hashlib.sha256,
    ).hexdigest()
    return hmac.compare_digest(signature, expected)`;

/** Runs the seed's Python verify_signature with python3 on these exact bytes. */
export function seedPythonVerifies(body: string, signature: string, secret: string): boolean {
  const call = 'verify_signature(body, headers.get("signature"), secret)';
  return snippetAccepts("python", pythonSnippet, call, { body, headers: { signature }, secret });
}

/** Runs the seed's Node verifySignature with node on these exact bytes. */
export function seedNodeVerifies(body: string, signature: string, secret: string): boolean {
  const call = "verifySignature(body, headers.signature, secret)";
  return snippetAccepts("node", nodeSnippet, call, { body, headers: { signature }, secret });
}
