// Plain JavaScript: scripts/next-server.mjs runs under node without tsx.
import { takeTurns } from "./take-turns.mjs";

/**
 * The door inbound webhooks (POST /api/v1/webhooks/…) go through before anything runs them, in
 * the ingest tier (ingest/ingest-server.ts) and in the web tier's server (scripts/lib/app-server.mjs).
 *
 * A webhook goes on only once its whole body is here (senders send theirs at once): one whose
 * body has not all arrived within `bodyTimeoutMs` gets a 408, one larger than `maxBodyBytes` a
 * 413, and neither ever holds a turn or a place in the queue. Otherwise a few clients that send
 * headers and stall would keep every webhook out.
 *
 * With `turns`, webhooks take turns: at most `turns.concurrency` are being handled at once, the
 * rest wait in arrival order, and past `turns.queueLimit` waiting a sender is told to retry (a
 * 503 with Retry-After, which every sender retries). Handling is CPU-bound, so a burst is
 * accepted about as fast, while a process that also serves other requests (the dashboard)
 * answers them behind a handful of webhooks instead of the whole burst.
 *
 * `handle(body)` runs the webhook; its turn ends when the response closes.
 *
 * @param {{ turns: { concurrency: number, queueLimit: number } | null, maxBodyBytes: number, bodyTimeoutMs?: number }} options
 * @returns {(req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse, handle: (body: Buffer) => void) => void}
 */
export function createInboundGate({ turns, maxBodyBytes, bodyTimeoutMs = 10_000 }) {
  const inbound = turns && takeTurns(turns);
  return (req, res, handle) => {
    void readWholeBody(req, maxBodyBytes, bodyTimeoutMs).then(async (read) => {
      if (!read.ok) return refuse(res, read.status, read.code, read.message);
      if (req.socket.destroyed) return;
      if (!inbound) return handle(read.body);
      const turn = inbound.enter();
      if (!turn) return refuse(res, 503, "overloaded", "Too many inbound webhooks at once; retry in a second.");
      const leave = await turn;
      // A sender that gave up while waiting has nothing left to answer.
      if (req.socket.destroyed) return leave();
      res.once("close", leave);
      handle(read.body);
    });
  };
}

/**
 * @param {import("node:http").IncomingMessage} req
 * @returns {Promise<{ ok: true, body: Buffer } | { ok: false, status: 400 | 408 | 413, code: string, message: string }>}
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
 * A JSON error the sender can read; the connection closes, since its body may be unread.
 * @param {import("node:http").ServerResponse} res
 * @param {number} status
 * @param {string} code
 * @param {string} message
 */
export function refuse(res, status, code, message) {
  const headers = { "content-type": "application/json", connection: "close" };
  if (status === 503) headers["retry-after"] = "1";
  res.writeHead(status, headers).end(JSON.stringify({ error: { code, message } }));
}

/**
 * Appends the socket's address to X-Forwarded-For, as a proxy does: `next start` keeps a
 * client's own header and drops the peer, so the app could not tell a forged address from a
 * proxy's (lib/auth/client-address.ts reads it from the end).
 * @param {import("node:http").IncomingMessage} req
 */
export function appendPeerAddress(req) {
  const peer = (req.socket.remoteAddress ?? "unknown").replace(/^::ffff:/, "");
  const sent = req.headers["x-forwarded-for"];
  req.headers["x-forwarded-for"] = sent ? `${[sent].flat().join(", ")}, ${peer}` : peer;
}

/**
 * INBOUND_CONCURRENCY and INBOUND_QUEUE_LIMIT (2,000): the turns inbound webhooks take.
 * @param {Record<string, string | undefined>} env
 * @param {number} concurrency INBOUND_CONCURRENCY's default
 */
export function inboundTurnsFromEnv(env, concurrency) {
  return {
    concurrency: positiveInt(env, "INBOUND_CONCURRENCY", concurrency),
    queueLimit: positiveInt(env, "INBOUND_QUEUE_LIMIT", 2000),
  };
}

function positiveInt(env, name, fallback) {
  const value = Number(env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
}
