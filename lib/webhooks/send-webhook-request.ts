import "server-only";
import net from "node:net";
import { request, type Dispatcher } from "undici";
import { hostOf, isPublicAddress } from "./url-safety";
import { webhookDispatcher } from "./webhook-dispatcher";

/** Bumped when what receivers see changes (headers, signing, envelope). */
export const WEBHOOKS_VERSION = "1.0";
export const USER_AGENT = `Empfio-Webhooks/${WEBHOOKS_VERSION}`;
export const MAX_RESPONSE_BYTES = 64 * 1024;
export const DEFAULT_TIMEOUT_MS = 10_000;
const REDACTED = "[redacted]";

export type ErrorKind = "timeout" | "dns" | "refused" | "tls" | "reset" | "blocked_address" | "invalid_url" | "other";

export type WebhookRequestResult = {
  /** A 2xx arrived, with its whole body, within the timeout. */
  ok: boolean;
  startedAt: Date;
  durationMs: number;
  /** What was sent, for the delivery log: signatures yes, credentials and secrets never. */
  requestHeaders: Record<string, string>;
  status?: number;
  responseHeaders?: Record<string, string>;
  /** UTF-8, at most MAX_RESPONSE_BYTES bytes. */
  responseBody?: string;
  responseTruncated?: boolean;
  /** A 3xx is never followed; where it pointed is kept for the owner. */
  redirectLocation?: string;
  /** Set when no HTTP response was received (or it could not be read in time). */
  error?: { kind: ErrorKind; message: string };
};

/**
 * One signed POST attempt. Never throws for network failures: they come back as `error`. The
 * timeout covers the whole attempt (connect, headers and body). Redirects are not followed.
 */
export async function sendWebhookRequest(input: {
  url: string;
  body: string | Buffer;
  headers: Record<string, string>;
  timeoutMs?: number;
  allowInsecure?: boolean;
  /** Headers whose values the log never shows, whatever their names (an endpoint's custom headers). */
  redact?: string[];
}): Promise<WebhookRequestResult> {
  const headers = withFixedHeaders(input.headers);
  const requestHeaders = redactHeaders(headers, input.redact);
  const startedAt = new Date();
  const t0 = performance.now();
  const done = (
    rest: Omit<WebhookRequestResult, "startedAt" | "durationMs" | "requestHeaders">,
  ): WebhookRequestResult => ({
    ...rest,
    startedAt,
    durationMs: Math.round(performance.now() - t0),
    requestHeaders,
  });

  const refusal = refuseUpFront(input.url, input.allowInsecure ?? false);
  if (refusal) return done({ ok: false, error: refusal });

  const timeoutMs = input.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  try {
    const res = await request(input.url, {
      method: "POST",
      headers,
      body: input.body,
      signal: controller.signal,
      dispatcher: webhookDispatcher(input.allowInsecure ?? false),
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    const { text, truncated } = await readCapped(res.body);
    const responseHeaders = flattenHeaders(res.headers);
    const redirect = res.statusCode >= 300 && res.statusCode < 400;
    return done({
      ok: res.statusCode >= 200 && res.statusCode < 300,
      status: res.statusCode,
      responseHeaders,
      responseBody: text,
      responseTruncated: truncated,
      ...(redirect && responseHeaders.location ? { redirectLocation: responseHeaders.location } : {}),
    });
  } catch (error) {
    return done({ ok: false, error: classifyError(error, timedOut, timeoutMs) });
  } finally {
    clearTimeout(timer);
  }
}

/** Checks that need no socket: a URL we can parse, https unless insecure, no private literal IP. */
function refuseUpFront(raw: string, allowInsecure: boolean): WebhookRequestResult["error"] | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { kind: "invalid_url", message: "The endpoint URL is not a valid URL" };
  }
  const schemes = allowInsecure ? ["https:", "http:"] : ["https:"];
  if (!schemes.includes(url.protocol)) return { kind: "invalid_url", message: "The endpoint URL must use https://" };
  // Literal IPs open sockets without a lookup, so the connect-time check never sees them.
  const host = hostOf(url);
  if (!allowInsecure && net.isIP(host) && !isPublicAddress(host)) {
    return { kind: "blocked_address", message: `${host} is a private or reserved address` };
  }
  return null;
}

// Ours win over a caller's spelling of the same header, whatever its case.
function withFixedHeaders(extra: Record<string, string>): Record<string, string> {
  const fixed: Record<string, string> = { "Content-Type": "application/json", "User-Agent": USER_AGENT };
  const taken = new Set(Object.keys(fixed).map((k) => k.toLowerCase()));
  return { ...fixed, ...Object.fromEntries(Object.entries(extra).filter(([k]) => !taken.has(k.toLowerCase()))) };
}

const SENSITIVE_NAME = /^(authorization|proxy-authorization|cookie)$|secret|token|password|api-?key/i;

/** Headers as they may be stored and shown: signatures stay (they prove, not grant), credentials go. */
export function redactHeaders(headers: Record<string, string>, redact: string[] = []): Record<string, string> {
  const secret = new Set(redact.map((name) => name.toLowerCase()));
  return Object.fromEntries(
    Object.entries(headers).map(([k, v]) => [
      k,
      secret.has(k.toLowerCase()) || SENSITIVE_NAME.test(k) || v.includes("whsec_") ? REDACTED : v,
    ]),
  );
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
      return { text: decodeUtf8Prefix(Buffer.concat(chunks).subarray(0, MAX_RESPONSE_BYTES)), truncated: true };
    }
  }
  return { text: Buffer.concat(chunks).toString("utf8"), truncated: false };
}

// Streaming mode holds back a multi-byte character cut in half by the limit instead of
// turning it into U+FFFD.
function decodeUtf8Prefix(bytes: Buffer): string {
  return new TextDecoder("utf-8").decode(bytes, { stream: true });
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers))
    if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(", ") : v;
  return out;
}

type ErrorLike = { code?: string; message?: string; cause?: unknown };

/** Maps Node/undici errors (and their causes) to the kinds the delivery log and advice use. */
function classifyError(error: unknown, timedOut: boolean, timeoutMs: number): { kind: ErrorKind; message: string } {
  const timeout = { kind: "timeout" as const, message: `No complete response within ${timeoutMs} ms` };
  if (timedOut) return timeout;
  const chain: ErrorLike[] = [];
  for (
    let e = error as ErrorLike | undefined;
    e && typeof e === "object" && chain.length < 5;
    e = e.cause as ErrorLike | undefined
  )
    chain.push(e);
  const codes = chain.map((e) => e.code ?? "");
  const message = chain.map((e) => e.message).find(Boolean) ?? "Request failed";
  const has = (re: RegExp) => codes.some((c) => re.test(c));
  if (has(/^EBLOCKED$/)) return { kind: "blocked_address", message };
  if (has(/TIMEOUT|^ETIMEDOUT$/)) return timeout;
  if (has(/^ECONNREFUSED$/)) return { kind: "refused", message: "Connection refused" };
  if (has(/^(ENOTFOUND|EAI_AGAIN|EAI_FAIL|EAI_NODATA|EAI_NONAME)$/))
    return { kind: "dns", message: "The host name could not be resolved" };
  if (
    has(/^(ERR_TLS|ERR_SSL|CERT_|UNABLE_TO|DEPTH_ZERO|SELF_SIGNED|ERR_OSSL|HOSTNAME_MISMATCH|ERR_TLS_CERT)/) ||
    /certificate|TLS|SSL/i.test(message)
  ) {
    return { kind: "tls", message };
  }
  if (has(/^(ECONNRESET|EPIPE|UND_ERR_SOCKET|ECONNABORTED)$/))
    return { kind: "reset", message: "The connection was closed before a complete response" };
  return { kind: "other", message };
}
