import http from "node:http";
import type { AddressInfo } from "node:net";
import { request } from "undici";
import { afterEach, describe, expect, it } from "vitest";
import { freePort } from "@/test/support/free-port";
import { startReceiver } from "@/test/support/receiver";
import { MAX_RESPONSE_BYTES, sendWebhookRequest, USER_AGENT } from "./send-webhook-request";
import { createWebhookAgent } from "./webhook-dispatcher";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function receiver(...args: Parameters<typeof startReceiver>) {
  const r = await startReceiver(...args);
  cleanups.push(r.close);
  return r;
}

/** A bare server for behaviour the shared receiver cannot show (stalled bodies, resets). */
async function rawServer(handler: http.RequestListener) {
  const server = http.createServer(handler);
  const connections = { count: 0 };
  server.on("connection", () => connections.count++);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanups.push(() => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, connections };
}

const post = (url: string, extra: Partial<Parameters<typeof sendWebhookRequest>[0]> = {}) =>
  sendWebhookRequest({
    url,
    body: '{"event":"webhook.test"}',
    headers: { "X-Empfio-Signature": "abc" },
    allowInsecure: true,
    timeoutMs: 2000,
    ...extra,
  });

describe("sendWebhookRequest", () => {
  it("POSTs the exact body as JSON with our User-Agent and headers, and records the 2xx answer", async () => {
    const r = await receiver(() => ({ status: 202, body: "thanks", headers: { "X-Request-Id": "r-1" } }));
    const result = await post(r.url, {
      headers: { "X-Empfio-Signature": "abc", "content-type": "text/plain", "user-agent": "spoof" },
    });
    expect(result).toMatchObject({ ok: true, status: 202, responseBody: "thanks", responseTruncated: false });
    expect(result.responseHeaders?.["x-request-id"]).toBe("r-1");
    expect(result.error).toBeUndefined();
    expect(result.startedAt).toBeInstanceOf(Date);
    expect(r.received[0].headers).toMatchObject({
      "content-type": "application/json",
      "user-agent": USER_AGENT,
      "x-empfio-signature": "abc",
    });
    expect(USER_AGENT).toMatch(/^Empfio-Webhooks\/\d+\.\d+/);
    expect(r.received[0].body).toBe('{"event":"webhook.test"}');
    expect(result.requestHeaders).toMatchObject({
      "Content-Type": "application/json",
      "User-Agent": USER_AGENT,
      "X-Empfio-Signature": "abc",
    });
  });

  it("logs credentials as [redacted] but still sends them, and never logs a secret", async () => {
    const r = await receiver();
    const result = await post(r.url, {
      headers: { Authorization: "Bearer hunter2", "X-Empfio-Signature": "abc", "X-Debug": "whsec_leaked" },
    });
    expect(r.received[0].headers.authorization).toBe("Bearer hunter2");
    expect(result.requestHeaders).toMatchObject({
      Authorization: "[redacted]",
      "X-Empfio-Signature": "abc",
      "X-Debug": "[redacted]",
    });
    expect(JSON.stringify(result)).not.toMatch(/hunter2|whsec_/);
  });

  it("treats a 500 as a failure with the response kept", async () => {
    const r = await receiver(() => ({ status: 500, body: "boom" }));
    expect(await post(r.url)).toMatchObject({ ok: false, status: 500, responseBody: "boom" });
  });

  it("never follows a redirect: a 3xx is a failure that reports where it pointed", async () => {
    const target = await receiver();
    const r = await receiver(() => ({ status: 302, headers: { Location: target.url } }));
    const result = await post(r.url);
    expect(result).toMatchObject({ ok: false, status: 302, redirectLocation: target.url });
    expect(result.error).toBeUndefined();
    expect(r.received).toHaveLength(1);
    expect(target.received).toHaveLength(0);
  });

  it("times out a server that never answers, as a timeout, close to the limit", async () => {
    const r = await receiver(() => ({ hang: true }));
    const result = await post(r.url, { timeoutMs: 300 });
    expect(result).toMatchObject({ ok: false, error: { kind: "timeout" } });
    expect(result.durationMs).toBeGreaterThanOrEqual(290);
    expect(result.durationMs).toBeLessThan(1500);
  });

  it("counts the body in the timeout: headers at once, then a stalled body, is a timeout", async () => {
    const s = await rawServer((_req, res) => {
      res.writeHead(200, { "Content-Type": "text/plain" });
      res.write("partial");
    });
    const result = await post(s.url, { timeoutMs: 400 });
    expect(result).toMatchObject({ ok: false, error: { kind: "timeout" } });
    expect(result.durationMs).toBeLessThan(1500);
  });

  it("classifies refused connections, unknown hosts, resets and TLS failures", async () => {
    expect((await post(`http://127.0.0.1:${await freePort()}/x`)).error?.kind).toBe("refused");
    expect((await post("http://no-such-host.invalid/x")).error).toMatchObject({
      kind: "dns",
      message: "The host name could not be resolved",
    });
    const reset = await rawServer((req) => req.socket.destroy());
    expect((await post(reset.url)).error?.kind).toBe("reset");
    // https:// to a plain-HTTP server: the TLS handshake cannot succeed.
    const plain = await receiver();
    expect((await post(`https://127.0.0.1:${plain.port}/hook`)).error?.kind).toBe("tls");
  });

  it("reports malformed and non-https URLs as invalid_url without sending", async () => {
    expect((await post("not a url")).error?.kind).toBe("invalid_url");
    expect((await post("ftp://127.0.0.1/x")).error?.kind).toBe("invalid_url");
    const r = await receiver();
    expect(await post(r.url, { allowInsecure: false })).toMatchObject({
      ok: false,
      error: { kind: "invalid_url", message: "The endpoint URL must use https://" },
    });
    expect(r.received).toHaveLength(0);
  });

  it("truncates a large response at 64 KB and says so", async () => {
    const r = await receiver(() => ({ body: "x".repeat(MAX_RESPONSE_BYTES * 3) }));
    const result = await post(r.url);
    expect(result).toMatchObject({ ok: true, responseTruncated: true });
    expect(result.responseBody).toHaveLength(MAX_RESPONSE_BYTES);
    const exact = await receiver(() => ({ body: "y".repeat(MAX_RESPONSE_BYTES) }));
    expect(await post(exact.url)).toMatchObject({
      responseTruncated: false,
      responseBody: "y".repeat(MAX_RESPONSE_BYTES),
    });
  });

  it("cuts a truncated UTF-8 body on a character boundary", async () => {
    const r = await receiver(() => ({ body: "a" + "ü".repeat(MAX_RESPONSE_BYTES) }));
    const result = await post(r.url);
    expect(result.responseTruncated).toBe(true);
    expect(result.responseBody).not.toContain("\uFFFD");
    expect(Buffer.byteLength(result.responseBody!)).toBe(MAX_RESPONSE_BYTES - 1);
  });

  it("without the development switch, refuses private literal IPs and, at connect time, names that resolve to them", async () => {
    const r = await receiver();
    for (const url of [
      `https://127.0.0.1:${r.port}/hook`,
      `https://[::ffff:127.0.0.1]:${r.port}/hook`,
      `https://2130706433:${r.port}/hook`,
    ]) {
      expect((await post(url, { allowInsecure: false })).error?.kind).toBe("blocked_address");
    }
    // A name passes every syntax check; only the connect-time lookup sees where it points.
    const byName = await post(`https://localhost:${r.port}/hook`, { allowInsecure: false });
    expect(byName.error).toMatchObject({
      kind: "blocked_address",
      message: expect.stringContaining("localhost resolves to"),
    });
    expect(r.received).toHaveLength(0);
  });

  it("the strict dispatcher itself never opens a socket to a name that resolves to a private address", async () => {
    const r = await receiver();
    const strict = createWebhookAgent({ allowInsecure: false });
    const insecure = createWebhookAgent({ allowInsecure: true });
    try {
      const url = `http://localhost:${r.port}/hook`;
      await expect(request(url, { method: "POST", body: "{}", dispatcher: strict })).rejects.toMatchObject({
        code: "EBLOCKED",
      });
      expect(r.received).toHaveLength(0);
      const ok = await request(url, { method: "POST", body: "{}", dispatcher: insecure });
      await ok.body.dump();
      expect(r.received).toHaveLength(1);
    } finally {
      await Promise.all([strict.close(), insecure.close()]);
    }
  });

  it("handles hundreds in flight at once over a few reused connections", async () => {
    let seen = 0;
    const s = await rawServer((req, res) => {
      req.resume();
      req.on("end", () => {
        seen++;
        setTimeout(() => res.end('{"ok":true}'), 20);
      });
    });
    const n = 600;
    const t0 = performance.now();
    const results = await Promise.all(Array.from({ length: n }, () => post(s.url, { timeoutMs: 10_000 })));
    const elapsed = performance.now() - t0;
    expect(results.every((x) => x.ok)).toBe(true);
    expect(seen).toBe(n);
    expect(s.connections.count).toBeLessThanOrEqual(256);
    // 600 requests of 20 ms each: about a second when they overlap, 12 s if they were serialized.
    expect(elapsed).toBeLessThan(5000);
    const again = s.connections.count;
    await Promise.all(Array.from({ length: 50 }, () => post(s.url)));
    expect(s.connections.count).toBe(again);
  });
});
