import { describe, expect, it } from "vitest";
import { readRawBody } from "./read-raw-body";

const CHUNK = 64 * 1024;

/** A body of `total` bytes that counts how much of it was pulled. */
function countingStream(total: number) {
  const seen = { bytes: 0 };
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= total) return controller.close();
      const size = Math.min(CHUNK, total - sent);
      sent += size;
      seen.bytes += size;
      controller.enqueue(new Uint8Array(size).fill(120));
    },
  });
  return { stream, seen };
}

const post = (body: BodyInit, headers: Record<string, string> = {}) =>
  new Request("http://localhost/x", { method: "POST", body, headers, duplex: "half" } as RequestInit);

describe("readRawBody", () => {
  it("returns the exact bytes of a body under the cap", async () => {
    const bytes = Buffer.from('{"name":"Jürgen"}\n');
    const result = await readRawBody(post(bytes));
    expect(result.ok && result.body.equals(bytes)).toBe(true);
  });

  it("returns an empty buffer for a request without a body", async () => {
    expect(await readRawBody(new Request("http://localhost/x", { method: "POST" }))).toEqual({
      ok: true,
      body: Buffer.alloc(0),
    });
  });

  it("answers a 2 MB streamed body with 413 after reading little more than the 1 MB cap", async () => {
    const { stream, seen } = countingStream(2_000_000);
    const result = await readRawBody(post(stream));
    expect(result).toMatchObject({ ok: false, status: 413, code: "payload_too_large", limitBytes: 1_000_000 });
    expect(seen.bytes).toBeLessThanOrEqual(1_000_000 + 2 * CHUNK);
  });

  it("refuses from the declared Content-Length without reading the body", async () => {
    const { stream, seen } = countingStream(2_000_000);
    const result = await readRawBody(post(stream, { "content-length": "2000000" }));
    expect(result).toMatchObject({ ok: false, status: 413 });
    expect(seen.bytes).toBeLessThanOrEqual(2 * CHUNK);
  });

  it("honours a smaller cap and accepts a body of exactly the cap", async () => {
    expect((await readRawBody(post("x".repeat(100)), 100)).ok).toBe(true);
    expect(await readRawBody(post("x".repeat(101)), 100)).toMatchObject({
      ok: false,
      status: 413,
      message: "Request body is larger than 100 bytes.",
    });
  });
});
