// Stands in for the background executor until inngest/executor lands: answers /health so the
// product reports ready, and accepts (and drops) events so nothing blocks on it.
import http from "node:http";

const port = Number(process.env.INNGEST_EXECUTOR_PORT ?? 8288);
const server = http.createServer((req, res) => {
  res.setHeader("Content-Type", "application/json");
  if (req.method === "GET" && req.url === "/health") return res.end(JSON.stringify({ status: "ok", placeholder: true }));
  if (req.method === "POST" && req.url?.startsWith("/e/")) return res.end(JSON.stringify({ ids: [], status: 200 }));
  res.statusCode = 404;
  res.end(JSON.stringify({ error: "not found" }));
});
server.listen(port, "127.0.0.1", () => console.log(`executor placeholder listening on http://127.0.0.1:${port}`));
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.close(() => process.exit(0)));
