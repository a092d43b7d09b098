// Plain JavaScript: scripts/next-server.mjs runs under node without tsx.
import { createServer } from "node:http";
import { takeTurns } from "./take-turns.mjs";

const OVERLOADED = JSON.stringify({
  error: { code: "overloaded", message: "Too many inbound webhooks at once; retry in a second." },
});

/**
 * The production HTTP server in front of Next.js's request handler (`handle`).
 *
 * It appends the socket's address to X-Forwarded-For: `next start` keeps a client's own header
 * and drops the peer, so the app could not tell a forged address from a proxy's
 * (lib/auth/client-address.ts reads it from the end).
 *
 * Inbound webhooks (POST /api/v1/webhooks/…: the AI agent, Cal.com, Varda, Brevo) are machines'
 * traffic and take turns: at most `inboundConcurrency` of them are inside the app at once, the
 * rest wait here, unread, in arrival order. The app is CPU-bound either way, so a burst is
 * accepted about as fast, but an owner's dashboard request waits behind a handful of them
 * instead of the whole burst. Past `inboundQueueLimit` waiting, a sender is told to retry
 * (a 503 with Retry-After, which every sender retries). A webhook whose body has not all arrived
 * `inboundBodyTimeoutMs` after its turn began is cut off: senders send theirs at once, and
 * otherwise a few clients that send headers and stall would hold every turn for Node's
 * five-minute request timeout.
 *
 * @param {(req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) => Promise<unknown>} handle
 * @param {{ hsts: string | null, inboundConcurrency: number, inboundQueueLimit: number, inboundBodyTimeoutMs?: number }} options
 */
export function createAppServer(
  handle,
  { hsts, inboundConcurrency, inboundQueueLimit, inboundBodyTimeoutMs = 10_000 },
) {
  const inbound = takeTurns({ concurrency: inboundConcurrency, queueLimit: inboundQueueLimit });
  return createServer((req, res) => {
    const peer = (req.socket.remoteAddress ?? "unknown").replace(/^::ffff:/, "");
    const sent = req.headers["x-forwarded-for"];
    req.headers["x-forwarded-for"] = sent ? `${[sent].flat().join(", ")}, ${peer}` : peer;
    if (hsts) res.setHeader("Strict-Transport-Security", hsts);
    if (req.method !== "POST" || !req.url?.startsWith("/api/v1/webhooks/")) return void handle(req, res);
    const turn = inbound.enter();
    if (!turn) {
      res.writeHead(503, { "content-type": "application/json", "retry-after": "1" }).end(OVERLOADED);
      return;
    }
    void turn.then((leave) => {
      // A sender that gave up while waiting has nothing left to answer.
      if (req.destroyed) return leave();
      const cutOff = setTimeout(() => req.complete || req.socket.destroy(), inboundBodyTimeoutMs);
      res.once("close", () => {
        clearTimeout(cutOff);
        leave();
      });
      void handle(req, res);
    });
  });
}
