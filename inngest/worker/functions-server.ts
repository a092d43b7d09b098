import "server-only";
import http from "node:http";
import { serve } from "inngest/node";
import { scrapeMetrics } from "@/lib/metrics/scrape-metrics";
import { serveOptions } from "../serve-options";

/**
 * The worker's HTTP server: the Inngest functions at INNGEST_SERVE_PATH (default /api/inngest),
 * signed calls only, `GET /health` for the web tier and orchestrators, and `GET /metrics` (the
 * deliveries' counters live here, where the attempts are made) for the METRICS_TOKEN bearer.
 * Nothing else.
 */
export function createFunctionsServer(env: NodeJS.ProcessEnv = process.env): http.Server {
  const servePath = env.INNGEST_SERVE_PATH || "/api/inngest";
  const handler = serve(serveOptions);
  const server = http.createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (path === servePath) return void handler(req, res);
    if (path === "/health" && req.method === "GET") {
      res.writeHead(200, { "content-type": "application/json", "cache-control": "no-store" });
      return void res.end(JSON.stringify({ status: "ok", functions: serveOptions.functions.length }));
    }
    if (path === "/metrics" && req.method === "GET") {
      return void scrapeMetrics(req.headers.authorization ?? null, env.METRICS_TOKEN).then(
        ({ status, contentType, body }) => {
          res.writeHead(status, { "content-type": contentType, "cache-control": "no-store" });
          res.end(body);
        },
        () => {
          res.writeHead(500, { "content-type": "application/json" });
          res.end(JSON.stringify({ error: { code: "internal_error", message: "The metrics could not be read." } }));
        },
      );
    }
    res.writeHead(404, { "content-type": "application/json" });
    res.end(JSON.stringify({ error: { code: "not_found", message: `no route ${req.method} ${path}` } }));
  });
  // Longer than any load balancer's idle timeout, so a kept-alive connection is never cut mid-request.
  server.keepAliveTimeout = 65_000;
  return server;
}

/** Starts the functions server; resolves once it listens. */
export async function startFunctionsServer(port: number, host = "127.0.0.1", env: NodeJS.ProcessEnv = process.env) {
  const server = createFunctionsServer(env);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, resolve);
  });
  const address = server.address() as { port: number };
  const origin = `http://${host}:${address.port}`;
  return {
    origin,
    url: `${origin}${env.INNGEST_SERVE_PATH || "/api/inngest"}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
