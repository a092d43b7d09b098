// Plain JavaScript: scripts/next-server.mjs runs under node without tsx.
import { Agent, createServer, IncomingMessage, request } from "node:http";
import { pipeline } from "node:stream";
import { appendPeerAddress, createInboundGate, refuse } from "./inbound-gate.mjs";

/**
 * The production HTTP server in front of Next.js's request handler (`handle`).
 *
 * It appends the socket's address to X-Forwarded-For (scripts/lib/inbound-gate.mjs says why).
 *
 * Inbound webhooks (POST /api/v1/webhooks/…: the AI agent, Cal.com, Varda, Brevo) are machines'
 * traffic. With `ingestUrl` (the ingest tier, ingest/ingest-server.ts) each one is read whole
 * here and passed on to it over a kept-alive loopback connection, which takes turns and runs it
 * in its own process: the dashboard's event loop never runs a webhook. Without it they run in
 * Next.js, taking turns here (scripts/lib/inbound-gate.mjs), so that a burst of them cannot slow
 * the dashboard much.
 *
 * @param {(req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) => Promise<unknown>} handle
 * @param {{ hsts: string | null, ingestUrl?: string | null, inboundConcurrency: number, inboundQueueLimit: number, inboundMaxBodyBytes: number, inboundBodyTimeoutMs?: number }} options
 */
export function createAppServer(
  handle,
  { hsts, ingestUrl = null, inboundConcurrency, inboundQueueLimit, inboundMaxBodyBytes, inboundBodyTimeoutMs = 10_000 },
) {
  const gate = createInboundGate({
    // The ingest tier takes turns itself: waiting here too would only add a second queue.
    turns: ingestUrl ? null : { concurrency: inboundConcurrency, queueLimit: inboundQueueLimit },
    maxBodyBytes: inboundMaxBodyBytes,
    bodyTimeoutMs: inboundBodyTimeoutMs,
  });
  const forward = ingestUrl ? forwardTo(ingestUrl) : null;
  return createServer((req, res) => {
    appendPeerAddress(req);
    if (hsts) res.setHeader("Strict-Transport-Security", hsts);
    if (req.method !== "POST") return void handle(req, res);
    // The path as Next.js would route it: an absolute-form target or dot segments must not carry
    // a webhook past the gate and the ingest tier.
    const { pathname, search } = new URL(req.url ?? "/", "http://localhost");
    if (!pathname.startsWith("/api/v1/webhooks/")) return void handle(req, res);
    req.url = pathname + search;
    gate(req, res, (body) => (forward ? forward(req, body, res) : void handle(withBody(req, body), res)));
  });
}

// Hop-by-hop headers describe one connection, not the request or the answer: never passed on.
const HOP_BY_HOP = ["connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "proxy-connection"];

/**
 * Passes a webhook, its body already read, to the ingest tier at `origin`, and its answer back.
 * X-Forwarded-For goes as this server left it (ending in the sender's address), which the ingest
 * tier, loopback-only, trusts as one proxy hop. An ingest tier that cannot be reached answers
 * 503 with Retry-After, which senders retry.
 * @param {string} origin
 */
function forwardTo(origin) {
  const { hostname, port } = new URL(origin);
  const agent = new Agent({ keepAlive: true });
  /**
   * @param {import("node:http").IncomingMessage} req
   * @param {Buffer} body
   * @param {import("node:http").ServerResponse} res
   */
  const forward = (req, body, res, retried = false) => {
    const headers = { ...req.headers, "content-length": String(body.length) };
    for (const name of HOP_BY_HOP) delete headers[name];
    const upstream = request({ hostname, port, method: "POST", path: req.url, headers, agent }, (answer) => {
      const answerHeaders = { ...answer.headers };
      for (const name of HOP_BY_HOP) delete answerHeaders[name];
      res.writeHead(answer.statusCode ?? 502, answerHeaders);
      // An answer cut off (the ingest tier died mid-way) cuts the sender's connection too; with
      // pipe() its response would stay open, and the sender wait, until its own timeout.
      pipeline(answer, res, () => undefined);
    });
    upstream.on("error", (error) => {
      // A kept-alive connection the ingest tier closed as this request left: it never arrived.
      if (upstream.reusedSocket && !retried && "code" in error && error.code === "ECONNRESET")
        return forward(req, body, res, true);
      if (res.headersSent) return void res.destroy();
      refuse(res, 503, "unavailable", "The ingest tier is not reachable; retry in a second.");
    });
    upstream.end(body);
  };
  return forward;
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
