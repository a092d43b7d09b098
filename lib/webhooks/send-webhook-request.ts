import net from "node:net";
import { Agent, request, type Dispatcher } from "undici";
import { isPublicAddress, publicOnlyLookup } from "./url-safety";

export const USER_AGENT = "Empfio-Webhooks/1.0";
export const MAX_RESPONSE_BYTES = 64 * 1024;

export type ErrorKind = "timeout" | "dns" | "refused" | "tls" | "reset" | "blocked_address" | "invalid_url" | "other";

export type WebhookRequestResult = {
  ok: boolean;
  startedAt: Date;
  durationMs: number;
  /** What was sent, for the delivery log; it holds signatures, never the secret. */
  requestHeaders: Record<string, string>;
  status?: number;
  responseHeaders?: Record<string, string>;
  responseBody?: string;
  responseTruncated?: boolean;
  error?: { kind: ErrorKind; message: string };
};

// Shared keep-alive pools; the strict one re-checks every resolved address at connect time,
// so DNS that changes after validation (rebinding) cannot reach a private network.
const agents = {
  strict: new Agent({ connect: { lookup: publicOnlyLookup }, keepAliveTimeout: 10_000, connections: 256 }),
  insecure: new Agent({ keepAliveTimeout: 10_000, connections: 256 }),
};

/** One signed POST; never throws for network failures: they come back as `error`. */
export async function sendWebhookRequest(input: {
  url: string;
  body: string | Buffer;
  headers: Record<string, string>;
  timeoutMs?: number;
  allowInsecure?: boolean;
}): Promise<WebhookRequestResult> {
  const requestHeaders = { "Content-Type": "application/json", "User-Agent": USER_AGENT, ...input.headers };
  const startedAt = new Date();
  const t0 = performance.now();
  const done = (rest: Omit<WebhookRequestResult, "startedAt" | "durationMs" | "requestHeaders">): WebhookRequestResult => ({
    ...rest,
    startedAt,
    durationMs: performance.now() - t0,
    requestHeaders,
  });

  let url: URL;
  try {
    url = new URL(input.url);
  } catch {
    return done({ ok: false, error: { kind: "invalid_url", message: `Invalid URL: ${input.url}` } });
  }
  const literal = url.hostname.replace(/^\[|\]$/g, "");
  if (!input.allowInsecure && (url.protocol !== "https:" || (net.isIP(literal) && !isPublicAddress(literal)))) {
    return done({ ok: false, error: { kind: "blocked_address", message: `${url.protocol !== "https:" ? "Only https:// URLs are allowed" : `${literal} is a private or reserved address`}` } });
  }

  const timeoutMs = input.timeoutMs ?? 10_000;
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const res = await request(url, {
      method: "POST",
      headers: requestHeaders,
      body: input.body,
      signal,
      dispatcher: (input.allowInsecure ? agents.insecure : agents.strict) as Dispatcher,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    const { text, truncated } = await readCapped(res.body);
    const ok = res.statusCode >= 200 && res.statusCode < 300;
    return done({
      ok,
      status: res.statusCode,
      responseHeaders: flattenHeaders(res.headers),
      responseBody: text,
      responseTruncated: truncated,
      ...(ok ? {} : { error: undefined }),
    });
  } catch (error) {
    return done({ ok: false, error: classify(error, signal.aborted, timeoutMs) });
  }
}

async function readCapped(body: Dispatcher.ResponseData["body"]): Promise<{ text: string; truncated: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buf = chunk as Buffer;
    chunks.push(buf);
    size += buf.length;
    if (size > MAX_RESPONSE_BYTES) {
      // Stop reading: a receiver that streams megabytes must not cost us memory or time.
      body.destroy();
      return { text: Buffer.concat(chunks).subarray(0, MAX_RESPONSE_BYTES).toString("utf8"), truncated: true };
    }
  }
  return { text: Buffer.concat(chunks).toString("utf8"), truncated: false };
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([, v]) => v !== undefined).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : String(v)]));
}

function classify(error: unknown, timedOut: boolean, timeoutMs: number): { kind: ErrorKind; message: string } {
  if (timedOut) return { kind: "timeout", message: `No complete response within ${timeoutMs} ms` };
  const chain: { code?: string; message?: string }[] = [];
  for (let e = error as { code?: string; message?: string; cause?: unknown } | undefined; e && chain.length < 5; e = e.cause as typeof e) chain.push(e);
  const codes = chain.map((e) => e.code ?? "");
  const message = chain.map((e) => e.message).find(Boolean) ?? "Request failed";
  const has = (re: RegExp) => codes.some((c) => re.test(c));
  if (has(/^EBLOCKED$/)) return { kind: "blocked_address", message };
  if (has(/TIMEOUT/)) return { kind: "timeout", message: `No complete response within ${timeoutMs} ms` };
  if (has(/^ECONNREFUSED$/)) return { kind: "refused", message: "Connection refused" };
  if (has(/^(ENOTFOUND|EAI_AGAIN|EAI_FAIL|EAI_NODATA)$/)) return { kind: "dns", message: "The host name could not be resolved" };
  if (has(/^(ERR_TLS|ERR_SSL|CERT_|UNABLE_TO|DEPTH_ZERO|SELF_SIGNED|ERR_OSSL)/) || /certificate|TLS|SSL/i.test(message)) return { kind: "tls", message };
  if (has(/^(ECONNRESET|EPIPE|UND_ERR_SOCKET)$/)) return { kind: "reset", message: "The connection was closed before a response" };
  return { kind: "other", message };
}
