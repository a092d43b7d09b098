import http from "node:http";
import type { AddressInfo } from "node:net";

export type Received = { headers: http.IncomingHttpHeaders; body: string; at: number };
export type Reply = {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  delayMs?: number;
  hang?: boolean;
};

/**
 * A real HTTP receiver on loopback, for vitest, Playwright and the scripts. `reply` decides each
 * answer (by call number); `answer(status)` changes the status of answers `reply` leaves open.
 */
export async function startReceiver(reply: (n: number, req: Received) => Reply = () => ({})) {
  const received: Received[] = [];
  let status = 200;
  const server = http.createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const entry = { headers: req.headers, body, at: Date.now() };
      received.push(entry);
      const r = reply(received.length, entry);
      if (r.hang) return;
      const code = r.status ?? status;
      setTimeout(() => {
        res.writeHead(code, { "Content-Type": "application/json", ...r.headers });
        res.end(r.body ?? (code < 300 ? '{"ok":true}' : '{"error":"receiver told to fail"}'));
      }, r.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    port,
    received,
    answer(next: number) {
      status = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
