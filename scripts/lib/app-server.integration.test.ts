import { connect, type AddressInfo } from "node:net";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { waitUntil } from "@/lib/wait-until";
import { createAppServer } from "./app-server.mjs";

// The server in front of Next.js, over real HTTP on loopback. Next.js itself is stood in for by
// a handler (a mock of the app, named so) whose inbound webhooks hang until the test lets them go.
let close: (() => Promise<void>) | null = null;
afterEach(async () => {
  await close?.();
  close = null;
});

async function start(limits: {
  inboundConcurrency: number;
  inboundQueueLimit: number;
  inboundBodyTimeoutMs?: number;
  ingestUrl?: string;
}) {
  const app = { inside: 0, most: 0, forwardedFor: [] as string[] };
  const held: (() => void)[] = [];
  const mockNext = async (req: IncomingMessage, res: ServerResponse) => {
    app.forwardedFor.push(String(req.headers["x-forwarded-for"]));
    if (req.url!.startsWith("/api/v1/webhooks/")) {
      app.inside++;
      app.most = Math.max(app.most, app.inside);
      await new Promise<void>((resolve) => held.push(resolve));
      app.inside--;
    }
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ url: req.url }));
  };
  const server = createAppServer(mockNext, { hsts: null, inboundMaxBodyBytes: 1000, ...limits });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () =>
    new Promise((resolve) => {
      held.splice(0).forEach((release) => release());
      server.closeAllConnections();
      server.close(() => resolve());
    });
  const releaseAll = () => held.splice(0).forEach((release) => release());
  return { app, origin, held, releaseAll };
}

const agentEvent = (origin: string) =>
  fetch(`${origin}/api/v1/webhooks/agent-event`, { method: "POST", body: "{}" }).then(async (r) => ({
    status: r.status,
    body: await r.json(),
  }));

describe("the production app server", () => {
  it("answers a dashboard request at once while a burst of inbound webhooks waits its turn", async () => {
    const { app, origin, held, releaseAll } = await start({ inboundConcurrency: 3, inboundQueueLimit: 100 });
    const burst = Array.from({ length: 40 }, () => agentEvent(origin));
    await waitUntil(() => held.length === 3, 5_000, "three webhooks inside the app");

    const dashboard = await fetch(`${origin}/api/v1/deliveries?limit=20`);
    expect(dashboard.status).toBe(200);
    expect(app.inside).toBe(3);

    // Let them through a few at a time: never more than three inside, all answered.
    while (app.most <= 3 && (await Promise.race([Promise.all(burst).then(() => true), tick()])) !== true) releaseAll();
    expect(app.most).toBe(3);
    expect((await Promise.all(burst)).map((r) => r.status)).toEqual(Array(40).fill(200));
  });

  it("tells a sender to retry when the queue is full, the limit counting only those waiting", async () => {
    const { origin, held, releaseAll } = await start({ inboundConcurrency: 1, inboundQueueLimit: 2 });
    const admitted = [agentEvent(origin), agentEvent(origin), agentEvent(origin)];
    await waitUntil(() => held.length === 1, 5_000, "one webhook inside the app");
    await tick();

    const refused = await fetch(`${origin}/api/v1/webhooks/agent-event`, { method: "POST", body: "{}" });
    expect(refused.status).toBe(503);
    expect(refused.headers.get("retry-after")).toBe("1");
    expect(await refused.json()).toEqual({ error: { code: "overloaded", message: expect.any(String) } });

    while ((await Promise.race([Promise.all(admitted).then(() => true), tick()])) !== true) releaseAll();
    expect((await Promise.all(admitted)).map((r) => r.status)).toEqual([200, 200, 200]);
  });

  it("queues a webhook only once its body is here: a stalled one holds no turn and gets 408, an oversized one 413", async () => {
    const { app, origin, releaseAll } = await start({
      inboundConcurrency: 1,
      inboundQueueLimit: 10,
      inboundBodyTimeoutMs: 1_500,
    });
    const { port } = new URL(origin);

    // Headers promising a body that never comes, twice: neither takes the one turn.
    const stalled = [stall(Number(port)), stall(Number(port))];
    await tick();
    const held = agentEvent(origin);
    await waitUntil(() => app.inside === 1, 1_000, "the next sender inside the app at once");

    expect(await Promise.all(stalled)).toEqual([
      expect.stringMatching(/^HTTP\/1\.1 408/),
      expect.stringMatching(/^HTTP\/1\.1 408/),
    ]);
    expect(app.forwardedFor).toHaveLength(1);

    const large = await fetch(`${origin}/api/v1/webhooks/agent-event`, { method: "POST", body: "x".repeat(1001) });
    expect(large.status).toBe(413);
    expect(await large.json()).toEqual({ error: { code: "payload_too_large", message: expect.any(String) } });
    expect(app.forwardedFor).toHaveLength(1);
    releaseAll();
    expect((await held).status).toBe(200);
  });

  it("appends the connection's address to X-Forwarded-For, whatever the client sent", async () => {
    const { app, origin } = await start({ inboundConcurrency: 1, inboundQueueLimit: 1 });
    await fetch(`${origin}/login`, { headers: { "x-forwarded-for": "203.0.113.9" } });
    expect(app.forwardedFor).toEqual(["203.0.113.9, 127.0.0.1"]);
  });

  it("passes inbound webhooks to the ingest tier over one kept-alive connection, and its answers back; Next.js sees none", async () => {
    const ingest = await startStandInIngest();
    const { app, origin } = await start({ inboundConcurrency: 1, inboundQueueLimit: 1, ingestUrl: ingest.origin });
    for (const name of ["Ada", "Bo", "Cy"]) {
      const res = await fetch(`${origin}/api/v1/webhooks/varda/abc?x=1`, {
        method: "POST",
        headers: { "x-forwarded-for": "203.0.113.9", authorization: "Bearer t" },
        body: JSON.stringify({ name }),
      });
      expect(res.status).toBe(201);
      expect(res.headers.get("x-stand-in")).toBe("ingest");
      expect(await res.json()).toEqual({ received: { name } });
    }
    expect(ingest.seen).toEqual(
      ["Ada", "Bo", "Cy"].map((name) => ({
        url: "/api/v1/webhooks/varda/abc?x=1",
        forwardedFor: "203.0.113.9, 127.0.0.1",
        authorization: "Bearer t",
        body: JSON.stringify({ name }),
      })),
    );
    expect(ingest.connections()).toBe(1);
    expect(app.forwardedFor).toEqual([]);
    // The dashboard is still Next.js's.
    await fetch(`${origin}/login`);
    expect(app.forwardedFor).toHaveLength(1);
    await ingest.close();
  });

  it("passes on a webhook however its path is spelled (absolute form, dot segments), so none reaches Next.js past the gate", async () => {
    const ingest = await startStandInIngest();
    const { app, origin } = await start({ inboundConcurrency: 1, inboundQueueLimit: 1, ingestUrl: ingest.origin });
    const { port } = new URL(origin);
    for (const target of ["http://example.test/api/v1/webhooks/agent-event", "/api/v1/x/../webhooks/agent-event"]) {
      const answer = await new Promise<string>((resolve, reject) => {
        const socket = connect(Number(port), "127.0.0.1", () =>
          socket.write(`POST ${target} HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`),
        );
        let text = "";
        socket.on("data", (chunk) => (text += chunk));
        socket.on("end", () => resolve(text));
        socket.on("error", reject);
      });
      expect(answer).toMatch(/^HTTP\/1\.1 201/);
    }
    expect(ingest.seen.map((s) => s.url)).toEqual(["/api/v1/webhooks/agent-event", "/api/v1/webhooks/agent-event"]);
    expect(app.forwardedFor).toEqual([]);
    await ingest.close();
  });

  it("tells a sender to retry when the ingest tier cannot be reached", async () => {
    const ingest = await startStandInIngest();
    await ingest.close();
    const { app, origin } = await start({ inboundConcurrency: 1, inboundQueueLimit: 1, ingestUrl: ingest.origin });
    const res = await fetch(`${origin}/api/v1/webhooks/agent-event`, { method: "POST", body: "{}" });
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("1");
    expect(await res.json()).toEqual({ error: { code: "unavailable", message: expect.any(String) } });
    expect(app.forwardedFor).toEqual([]);
  });

  it("cuts the sender's connection when the ingest tier dies partway through its answer, instead of leaving it hanging", async () => {
    const dying = createServer((req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": "100" });
      res.write('{"status":');
      setTimeout(() => req.socket.destroy(), 20);
    });
    await new Promise<void>((resolve) => dying.listen(0, "127.0.0.1", resolve));
    const { origin } = await start({
      inboundConcurrency: 1,
      inboundQueueLimit: 1,
      ingestUrl: `http://127.0.0.1:${(dying.address() as AddressInfo).port}`,
    });
    const { port } = new URL(origin);
    const answer = await new Promise<{ text: string; closed: boolean }>((resolve) => {
      let text = "";
      const socket = connect(Number(port), "127.0.0.1");
      socket.write("POST /api/v1/webhooks/agent-event HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}");
      socket.on("data", (chunk) => (text += chunk.toString()));
      socket.on("error", () => undefined);
      socket.once("close", () => resolve({ text, closed: true }));
      // Not a timing target: long enough for the close to have come, and the test fails, not hangs, without it.
      setTimeout(() => resolve({ text, closed: false }), 2000).unref();
    });
    expect(answer.text).toMatch(/^HTTP\/1\.1 200/);
    expect(answer.closed).toBe(true);
    dying.closeAllConnections();
    await new Promise<void>((resolve) => dying.close(() => resolve()));
  });
});

/** A stand-in for the ingest tier (a mock, named so) that echoes what it was sent. */
async function startStandInIngest() {
  const seen: { url?: string; forwardedFor?: string; authorization?: string; body: string }[] = [];
  let connections = 0;
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      seen.push({
        url: req.url,
        forwardedFor: req.headers["x-forwarded-for"] as string,
        authorization: req.headers.authorization,
        body,
      });
      res.writeHead(201, { "content-type": "application/json", "x-stand-in": "ingest" });
      res.end(JSON.stringify({ received: JSON.parse(body) }));
    });
  });
  server.on("connection", () => connections++);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Sends a webhook's headers and no body; resolves to what the server answered. */
function stall(port: number): Promise<string> {
  return new Promise((resolve) => {
    let answer = "";
    const socket = connect(port, "127.0.0.1");
    socket.write("POST /api/v1/webhooks/agent-event HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n");
    socket.on("data", (chunk) => (answer += chunk.toString()));
    socket.on("error", () => undefined);
    socket.once("close", () => resolve(answer));
  });
}

const tick = () => new Promise<false>((resolve) => setTimeout(() => resolve(false), 20));
