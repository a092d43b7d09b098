// The production app server (`npm start`): Next.js behind our own HTTP server
// (scripts/lib/app-server.mjs), which records each request's peer address and lets inbound
// webhooks take turns so that a burst of them cannot slow the dashboard.
import { createAppServer } from "./lib/app-server.mjs";

process.env.NODE_ENV ??= "production";
const { default: next } = await import("next");

const port = Number(process.env.PORT ?? 3000);
const app = next({ dev: false, port });
await app.prepare();
// Behind https (lib/config/public-url.ts), browsers are told to use nothing else for a year.
const publicUrl = process.env.APP_URL || process.env.NEXTAUTH_URL || "";
const server = createAppServer(app.getRequestHandler(), {
  hsts: publicUrl.startsWith("https://") ? "max-age=31536000; includeSubDomains" : null,
  inboundConcurrency: positiveInt("INBOUND_CONCURRENCY", 4),
  inboundQueueLimit: positiveInt("INBOUND_QUEUE_LIMIT", 2000),
  // The inbound routes' own cap (MAX_INBOUND_BODY_BYTES in lib/inbound/read-raw-body.ts).
  inboundMaxBodyBytes: 1_000_000,
});
server.listen(port, () => console.log(`Next.js production server on port ${port}`));

function positiveInt(name, fallback) {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
}

for (const signal of ["SIGINT", "SIGTERM"])
  process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeIdleConnections();
  });
