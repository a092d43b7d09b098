import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { readSeed } from "./read-seed";

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

function bodyFile(body: string): { dir: string; file: string } {
  const dir = mkdtempSync(path.join(tmpdir(), "verify-"));
  const file = path.join(dir, "body.bin");
  writeFileSync(file, body);
  return { dir, file };
}

/** Runs the seed's Python verify_signature with python3 on these exact bytes. */
export function seedPythonVerifies(body: string, signature: string, secret: string): boolean {
  const { dir, file } = bodyFile(body);
  writeFileSync(
    path.join(dir, "check.py"),
    `${pythonSnippet}\n\nimport sys\nbody = open(sys.argv[1], "rb").read()\nprint("VALID" if verify_signature(body, sys.argv[2], sys.argv[3]) else "INVALID")\n`,
  );
  return (
    spawnSync("python3", [path.join(dir, "check.py"), file, signature, secret], { encoding: "utf8" }).stdout.trim() ===
    "VALID"
  );
}

/** Runs the seed's Node verifySignature with node on these exact bytes. */
export function seedNodeVerifies(body: string, signature: string, secret: string): boolean {
  const { file } = bodyFile(body);
  const script = `${nodeSnippet}\nconst body = require("fs").readFileSync(process.argv[1]);\ntry { console.log(verifySignature(body, process.argv[2], process.argv[3]) ? "VALID" : "INVALID"); } catch { console.log("INVALID"); }\n`;
  return (
    spawnSync(process.execPath, ["-e", script, file, signature, secret], { encoding: "utf8" }).stdout.trim() === "VALID"
  );
}
