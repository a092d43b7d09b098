import "server-only";
import http from "node:http";
import { routeInboundRequest } from "@/lib/inbound/route-inbound-request";
import { MAX_INBOUND_BODY_BYTES } from "@/lib/inbound/read-raw-body";
import { scrapeMetrics } from "@/lib/metrics/scrape-metrics";
import { inSpan } from "@/lib/tracing/tracing";
import { appendPeerAddress, createInboundGate, refuse } from "@/scripts/lib/inbound-gate.mjs";

/**
 * The ingest tier's HTTP server: the inbound webhooks (POST /api/v1/webhooks/…, the same
 * handlers as the Next.js routes: lib/inbound/route-inbound-request.ts) without Next.js, `GET
 * /health` for the start command and orchestrators, and `GET /metrics` (the inbound counters
 * live here) for the METRICS_TOKEN bearer. Nothing else.
 *
 * It guards webhooks as the web tier does (408, 413, turns and a 503 past the queue limit:
 * scripts/lib/inbound-gate.mjs) and appends each request's peer to X-Forwarded-For, so
 * TRUSTED_PROXY_HOPS counts the proxies in front of it (the web tier forwarding to it is one).
 */
export function createIngestServer(
  turns: { concurrency: number; queueLimit: number },
  env: NodeJS.ProcessEnv = process.env,
): http.Server {
  const gate = createInboundGate({ turns, maxBodyBytes: MAX_INBOUND_BODY_BYTES });
  const server = http.createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (path === "/health" && req.method === "GET") return send(res, 200, { status: "ok" });
    if (path === "/metrics" && req.method === "GET") {
      return void scrapeMetrics(req.headers.authorization ?? null, env.METRICS_TOKEN).then(
        ({ status, contentType, body }) => {
          res.writeHead(status, { "content-type": contentType, "cache-control": "no-store" });
          res.end(body);
        },
        () => send(res, 500, { error: { code: "internal_error", message: "The metrics could not be read." } }),
      );
    }
    const handler = routeInboundRequest(path);
    if (!handler) return send(res, 404, { error: { code: "not_found", message: `No route ${req.method} ${path}.` } });
    if (req.method !== "POST")
      return send(res, 405, { error: { code: "method_not_allowed", message: "Inbound webhooks are POSTed." } });
    appendPeerAddress(req);
    gate(req, res, (body) => void answer(handler, req, path, body, res));
  });
  // Longer than any load balancer's (or the web tier's) idle timeout, so a kept-alive connection
  // is never cut as a request goes out on it.
  server.keepAliveTimeout = 65_000;
  return server;
}

/**
 * Runs one webhook as a Fetch API request, as Next.js hands it to the route handler, in a server
 * span that continues the caller's trace (W3C `traceparent`), as Next.js's own span does.
 */
async function answer(
  handler: (req: Request) => Promise<Response>,
  req: http.IncomingMessage,
  path: string,
  body: Buffer,
  res: http.ServerResponse,
): Promise<void> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers))
    for (const one of [value ?? []].flat()) headers.append(name, one);
  const caller = Object.fromEntries(
    ["traceparent", "tracestate"].flatMap((name) => (headers.has(name) ? [[name, headers.get(name)!]] : [])),
  );
  try {
    const response = await inSpan(
      "ingest.request",
      { "http.request.method": "POST", "url.path": path },
      async (span) => {
        const answered = await handler(
          new Request(new URL(req.url ?? "/", "http://ingest"), {
            method: "POST",
            headers,
            body: new Uint8Array(body),
          }),
        );
        span?.setAttributes({ "http.response.status_code": answered.status });
        return answered;
      },
      caller,
    );
    const text = Buffer.from(await response.arrayBuffer());
    res.writeHead(response.status, Object.fromEntries(response.headers)).end(text);
  } catch {
    // handleInbound answers every error itself; this is a bug's last resort.
    if (!res.headersSent) refuse(res, 500, "internal_error", "The webhook could not be handled.");
  }
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
}

/** Starts the ingest server; resolves once it listens. */
export async function startIngestServer(
  port: number,
  host: string,
  turns: { concurrency: number; queueLimit: number },
  env: NodeJS.ProcessEnv = process.env,
) {
  const server = createIngestServer(turns, env);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, resolve);
  });
  const address = server.address() as { port: number };
  return {
    origin: `http://${host}:${address.port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
