export const MAX_INBOUND_BODY_BYTES = 1_000_000;

export type RawBodyResult =
  | { ok: true; body: Buffer }
  | { ok: false; status: 413; code: "payload_too_large"; message: string; limitBytes: number };

function tooLarge(limitBytes: number): RawBodyResult {
  return {
    ok: false,
    status: 413,
    code: "payload_too_large",
    message: `Request body is larger than ${limitBytes} bytes.`,
    limitBytes,
  };
}

/**
 * The body as raw bytes (signatures are over bytes, not over re-serialized JSON). Reading stops
 * and the stream is cancelled as soon as the cap is passed, so an oversized body costs at most
 * the cap plus one chunk of memory.
 */
export async function readRawBody(req: Request, limitBytes = MAX_INBOUND_BODY_BYTES): Promise<RawBodyResult> {
  const declared = Number(req.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limitBytes) {
    await req.body?.cancel().catch(() => undefined);
    return tooLarge(limitBytes);
  }
  if (!req.body) return { ok: true, body: Buffer.alloc(0) };
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limitBytes) {
      await reader.cancel().catch(() => undefined);
      return tooLarge(limitBytes);
    }
    chunks.push(value);
  }
  return { ok: true, body: Buffer.concat(chunks, size) };
}
