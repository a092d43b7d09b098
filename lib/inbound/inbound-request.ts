import { createHash, timingSafeEqual } from "node:crypto";
import { AppError } from "@/lib/errors";

export const MAX_INBOUND_BYTES = 1_000_000;

/** The raw body, read without buffering past the cap: a 2 MB body costs at most 1 MB. */
export async function readRawBody(req: Request, cap = MAX_INBOUND_BYTES): Promise<Buffer> {
  const declared = Number(req.headers.get("content-length") ?? 0);
  if (declared > cap) throw new AppError("payload_too_large", `Request body is larger than ${cap} bytes.`);
  if (!req.body) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let size = 0;
  const reader = req.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > cap) {
      await reader.cancel();
      throw new AppError("payload_too_large", `Request body is larger than ${cap} bytes.`);
    }
    chunks.push(Buffer.from(value));
  }
  return Buffer.concat(chunks);
}

export function parseJson(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString("utf8"));
  } catch {
    throw new AppError("bad_request", "Request body is not valid JSON.");
  }
}

export function constantTimeEqual(a: string, b: string): boolean {
  const x = createHash("sha256").update(a).digest();
  const y = createHash("sha256").update(b).digest();
  // Hashing first makes the comparison length-independent as well as constant-time.
  return timingSafeEqual(x, y) && a.length === b.length;
}

/** The same JSON value always serializes the same way, whatever its key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
