// Plain JavaScript: scripts/next-server.mjs runs under node without tsx.
import { createServer, IncomingMessage } from "node:http";
import { takeTurns } from "./take-turns.mjs";

/**
 * The production HTTP server in front of Next.js's request handler (`handle`).
 *
 * It appends the socket's address to X-Forwarded-For: `next start` keeps a client's own header
 * and drops the peer, so the app could not tell a forged address from a proxy's
 * (lib/auth/client-address.ts reads it from the end).
 *
 * Inbound webhooks (POST /api/v1/webhooks/…: the AI agent, Cal.com, Varda, Brevo) are machines'
 * traffic and take turns: at most `inboundConcurrency` of them are inside the app at once, the
 * rest wait here in arrival order. The app is CPU-bound either way, so a burst is accepted about
 * as fast, but an owner's dashboard request waits behind a handful of them instead of the whole
 * burst. Past `inboundQueueLimit` waiting, a sender is told to retry (a 503 with Retry-After,
 * which every sender retries).
 *
 * A webhook queues only once its whole body is here (senders send theirs at once): one whose
 * body has not all arrived within `inboundBodyTimeoutMs` gets a 408, one larger than
 * `inboundMaxBodyBytes` a 413, and neither ever holds a turn or a place in the queue. Otherwise a
 * few clients that send headers and stall would keep every webhook out.
 *
 * @param {(req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) => Promise<unknown>} handle
 * @param {{ hsts: string | null, inboundConcurrency: number, inboundQueueLimit: number, inboundMaxBodyBytes: number, inboundBodyTimeoutMs?: number }} options
 */
export function createAppServer(
  handle,
  { hsts, inboundConcurrency, inboundQueueLimit, inboundMaxBodyBytes, inboundBodyTimeoutMs = 10_000 },
) {
  const inbound = takeTurns({ concurrency: inboundConcurrency, queueLimit: inboundQueueLimit });
  return createServer((req, res) => {
    const peer = (req.socket.remoteAddress ?? "unknown").replace(/^::ffff:/, "");
    const sent = req.headers["x-forwarded-for"];
    req.headers["x-forwarded-for"] = sent ? `${[sent].flat().join(", ")}, ${peer}` : peer;
    if (hsts) res.setHeader("Strict-Transport-Security", hsts);
    if (req.method !== "POST" || !req.url?.startsWith("/api/v1/webhooks/")) return void handle(req, res);
    void readWholeBody(req, inboundMaxBodyBytes, inboundBodyTimeoutMs).then(async (read) => {
      if (!read.ok) return refuse(res, read.status, read.code, read.message);
      if (req.socket.destroyed) return;
      const turn = inbound.enter();
      if (!turn) return refuse(res, 503, "overloaded", "Too many inbound webhooks at once; retry in a second.");
      const leave = await turn;
      // A sender that gave up while waiting has nothing left to answer.
      if (req.socket.destroyed) return leave();
      res.once("close", leave);
      void handle(withBody(req, read.body), res);
    });
  });
}

/**
 * @param {import("node:http").IncomingMessage} req
 * @returns {Promise<{ ok: true, body: Buffer } | { ok: false, status: 408 | 413, code: string, message: string }>}
 */
function readWholeBody(req, maxBytes, timeoutMs) {
  const tooLarge = {
    ok: false,
    status: 413,
    code: "payload_too_large",
    message: `Request body is larger than ${maxBytes} bytes.`,
  };
  if (Number(req.headers["content-length"]) > maxBytes) return Promise.resolve(tooLarge);
  return new Promise((resolve) => {
    const chunks = [];
    let size = 0;
    const finish = (result) => {
      clearTimeout(timer);
      req.removeAllListeners("data");
      resolve(result);
    };
    const timer = setTimeout(
      () =>
        finish({
          ok: false,
          status: 408,
          code: "request_timeout",
          message: "The request body did not arrive in time.",
        }),
      timeoutMs,
    );
    req.on("data", (chunk) => {
      size += chunk.length;
      if (size > maxBytes) finish(tooLarge);
      else chunks.push(chunk);
    });
    req.once("end", () => finish({ ok: true, body: Buffer.concat(chunks) }));
    // The sender went away mid-body: nobody is left to answer, and nothing runs.
    req.once("close", () =>
      finish({ ok: false, status: 400, code: "bad_request", message: "The request body was cut off." }),
    );
  });
}

/**
 * The request as Next.js reads it ('data' then 'end'), with the body already read here.
 * @param {import("node:http").IncomingMessage} req
 * @param {Buffer} body
 */
function withBody(req, body) {
  const copy = new IncomingMessage(req.socket);
  copy.method = req.method;
  copy.url = req.url;
  copy.headers = req.headers;
  copy.rawHeaders = req.rawHeaders;
  copy.httpVersion = req.httpVersion;
  copy.httpVersionMajor = req.httpVersionMajor;
  copy.httpVersionMinor = req.httpVersionMinor;
  copy.complete = true;
  copy.push(body);
  copy.push(null);
  return copy;
}

/** A JSON error the sender can read; the connection closes, since its body may be unread. */
function refuse(res, status, code, message) {
  const headers = { "content-type": "application/json", connection: "close" };
  if (status === 503) headers["retry-after"] = "1";
  res.writeHead(status, headers).end(JSON.stringify({ error: { code, message } }));
}
