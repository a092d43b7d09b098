import http from "node:http";
import type { AddressInfo } from "node:net";

// Typed loosely: route modules declare NextRequest, which a plain Request satisfies at run time.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type RouteHandler = (req: any, ctx: any) => Promise<Response> | Response;

/**
 * The route's params when `pathname` matches `path`: a plain path matches as a prefix (no
 * params); `[name]` segments, as in app/ folder names, match one segment each.
 */
function matchRoute(path: string, pathname: string): Record<string, string> | null {
  if (!path.includes("[")) return pathname.startsWith(path) ? {} : null;
  const pattern = path.split("/");
  const segments = pathname.split("/");
  if (pattern.length !== segments.length) return null;
  const params: Record<string, string> = {};
  for (const [i, part] of pattern.entries()) {
    const name = /^\[(\w+)\]$/.exec(part)?.[1];
    if (name) params[name] = decodeURIComponent(segments[i]);
    else if (part !== segments[i]) return null;
  }
  return params;
}

/**
 * Serves Next.js App Router route handlers (e.g. app/api/inngest/route.ts) on loopback, so tests
 * drive the real handlers over real HTTP without booting Next. `path` may name dynamic segments
 * (`/api/v1/webhooks/varda/[connection_id]`), which reach the handler as its params.
 */
export async function hostRoute(
  handlers: Partial<Record<"GET" | "POST" | "PUT" | "PATCH" | "DELETE", RouteHandler>>,
  path = "/api/inngest",
  listenPort = 0,
) {
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const handler = handlers[req.method as "GET" | "POST" | "PUT" | "PATCH" | "DELETE"];
    const params = matchRoute(path, new URL(req.url ?? "/", "http://host").pathname);
    if (!handler || !params) {
      res.writeHead(404).end();
      return;
    }
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
    const url = `http://${req.headers.host}${req.url}`;
    const body = chunks.length && req.method !== "GET" ? Buffer.concat(chunks) : undefined;
    try {
      const response = await handler(new Request(url, { method: req.method, headers, body }), {
        params: Promise.resolve(params),
      });
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    } catch (error) {
      res.writeHead(500).end(String(error));
    }
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(listenPort, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${path}`,
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
