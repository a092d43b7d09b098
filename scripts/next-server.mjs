// The production app server (`npm start`): Next.js behind Node's HTTP server, which appends the
// socket's address to X-Forwarded-For. `next start` keeps a client's own header and drops the
// peer, so the app could not tell a forged address from a proxy's; lib/auth/client-address.ts
// reads the peer (or, with TRUSTED_PROXY_HOPS, what the trusted proxies appended) from the end.
import { createServer } from "node:http";

process.env.NODE_ENV ??= "production";
const { default: next } = await import("next");

const port = Number(process.env.PORT ?? 3000);
const app = next({ dev: false, port });
await app.prepare();
const handle = app.getRequestHandler();
// Behind https (lib/config/public-url.ts), browsers are told to use nothing else for a year.
const publicUrl = process.env.APP_URL || process.env.NEXTAUTH_URL || "";
const hsts = publicUrl.startsWith("https://") ? "max-age=31536000; includeSubDomains" : null;

const server = createServer((req, res) => {
  const peer = (req.socket.remoteAddress ?? "unknown").replace(/^::ffff:/, "");
  const sent = req.headers["x-forwarded-for"];
  req.headers["x-forwarded-for"] = sent ? `${[sent].flat().join(", ")}, ${peer}` : peer;
  if (hsts) res.setHeader("Strict-Transport-Security", hsts);
  void handle(req, res);
});
server.listen(port, () => console.log(`Next.js production server on port ${port}`));

for (const signal of ["SIGINT", "SIGTERM"])
  process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeIdleConnections();
  });
