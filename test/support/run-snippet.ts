import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * Runs receiver-side code as a customer would, in node or python3, on these exact body bytes:
 * `call` is an expression over `body` (the raw bytes), `headers` (case-insensitive in Python, lower
 * case in Node, as their frameworks give them) and `secret`. True when it answers true; an
 * exception counts as false.
 */
export function snippetAccepts(
  language: "node" | "python",
  code: string,
  call: string,
  request: { body: string; headers: Record<string, string>; secret: string },
): boolean {
  const dir = mkdtempSync(path.join(tmpdir(), "snippet-"));
  const bodyFile = path.join(dir, "body.bin");
  writeFileSync(bodyFile, request.body);
  const headers = JSON.stringify(
    Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k.toLowerCase(), v])),
  );
  const args = [bodyFile, headers, request.secret];
  const result =
    language === "node"
      ? spawnSync(process.execPath, ["-e", `${code}\n${NODE_HARNESS(call)}`, ...args], { encoding: "utf8" })
      : spawnSync("python3", [writePython(dir, `${code}\n${PYTHON_HARNESS(call)}`), ...args], { encoding: "utf8" });
  return result.stdout.trim() === "VALID";
}

const NODE_HARNESS = (call: string) => `
const body = require("fs").readFileSync(process.argv[1]);
const headers = JSON.parse(process.argv[2]);
const secret = process.argv[3];
try { console.log((${call}) ? "VALID" : "INVALID"); } catch { console.log("INVALID"); }
`;

const PYTHON_HARNESS = (call: string) => `
import json, sys
class _Headers(dict):
    def get(self, key, default=None):
        return super().get(key.lower(), default)
body = open(sys.argv[1], "rb").read()
headers = _Headers(json.loads(sys.argv[2]))
secret = sys.argv[3]
try:
    print("VALID" if (${call}) else "INVALID")
except Exception:
    print("INVALID")
`;

function writePython(dir: string, script: string): string {
  const file = path.join(dir, "check.py");
  writeFileSync(file, script);
  return file;
}
