// The production app server (`npm start`): Next.js behind our own HTTP server
// (scripts/lib/app-server.mjs), which records each request's peer address and passes inbound
// webhooks to the ingest tier (EMPFIO_INGEST_URL), or lets them take turns here without one, so
// that a burst of them cannot slow the dashboard.
import { createAppServer } from "./lib/app-server.mjs";
import { inboundTurnsFromEnv } from "./lib/inbound-gate.mjs";

process.env.NODE_ENV ??= "production";
const { default: next } = await import("next");

const port = Number(process.env.PORT ?? 3000);
const app = next({ dev: false, port });
await app.prepare();
// Behind https (lib/config/public-url.ts), browsers are told to use nothing else for a year.
const publicUrl = process.env.APP_URL || process.env.NEXTAUTH_URL || "";
// Few at a time: every turn a webhook holds here is one a dashboard request waits behind.
const turns = inboundTurnsFromEnv(process.env, 4);
const server = createAppServer(app.getRequestHandler(), {
  hsts: publicUrl.startsWith("https://") ? "max-age=31536000; includeSubDomains" : null,
  ingestUrl: process.env.EMPFIO_INGEST_URL || null,
  inboundConcurrency: turns.concurrency,
  inboundQueueLimit: turns.queueLimit,
  // The inbound routes' own cap (MAX_INBOUND_BODY_BYTES in lib/inbound/read-raw-body.ts).
  inboundMaxBodyBytes: 1_000_000,
});
server.listen(port, () => console.log(`Next.js production server on port ${port}`));

for (const signal of ["SIGINT", "SIGTERM"])
  process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeIdleConnections();
  });
