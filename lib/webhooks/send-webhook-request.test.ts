import { afterEach, describe, expect, it } from "vitest";
import { startReceiver } from "@/test/helpers/receiver";
import { freePort } from "@/test/helpers/database";
import { MAX_RESPONSE_BYTES, sendWebhookRequest, USER_AGENT } from "./send-webhook-request";

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

const post = (url: string, extra: Partial<Parameters<typeof sendWebhookRequest>[0]> = {}) =>
  sendWebhookRequest({ url, body: '{"event":"webhook.test"}', headers: { "X-Empfio-Signature": "abc" }, allowInsecure: true, timeoutMs: 2000, ...extra });

describe("sendWebhookRequest", () => {
  it("POSTs JSON with our User-Agent and headers, and records the 2xx answer", async () => {
    const r = await startReceiver(() => ({ status: 202, body: "thanks" }));
    close = r.close;
    const result = await post(r.url);
    expect(result).toMatchObject({ ok: true, status: 202, responseBody: "thanks", responseTruncated: false });
    expect(r.received[0].headers).toMatchObject({ "content-type": "application/json", "user-agent": USER_AGENT, "x-empfio-signature": "abc" });
    expect(r.received[0].body).toBe('{"event":"webhook.test"}');
    expect(result.requestHeaders["X-Empfio-Signature"]).toBe("abc");
  });

  it("treats a 500 and a redirect as failures and never follows the redirect", async () => {
    const r = await startReceiver((n) => (n === 1 ? { status: 500, body: "boom" } : { status: 302, headers: { Location: "http://127.0.0.1:1/elsewhere" } }));
    close = r.close;
    expect(await post(r.url)).toMatchObject({ ok: false, status: 500, responseBody: "boom" });
    const redirected = await post(r.url);
    expect(redirected).toMatchObject({ ok: false, status: 302 });
    expect(redirected.responseHeaders?.location).toBe("http://127.0.0.1:1/elsewhere");
    expect(r.received).toHaveLength(2);
  });

  it("times out a server that does not answer, as a timeout", async () => {
    const r = await startReceiver(() => ({ hang: true }));
    close = r.close;
    const result = await post(r.url, { timeoutMs: 300 });
    expect(result.error?.kind).toBe("timeout");
    expect(result.durationMs).toBeGreaterThanOrEqual(290);
    expect(result.durationMs).toBeLessThan(2000);
  });

  it("classifies refused connections and unknown hosts", async () => {
    expect((await post(`http://127.0.0.1:${await freePort()}/x`)).error?.kind).toBe("refused");
    expect((await post("http://no-such-host.invalid/x")).error?.kind).toBe("dns");
  });

  it("truncates a large response at 64 KB and says so", async () => {
    const r = await startReceiver(() => ({ body: "x".repeat(MAX_RESPONSE_BYTES * 3) }));
    close = r.close;
    const result = await post(r.url);
    expect(result.responseTruncated).toBe(true);
    expect(result.responseBody).toHaveLength(MAX_RESPONSE_BYTES);
  });

  it("without the development switch, refuses http and private addresses, including at connect time", async () => {
    const r = await startReceiver();
    close = r.close;
    expect((await post(r.url, { allowInsecure: false })).error?.kind).toBe("blocked_address");
    expect((await post(`https://127.0.0.1:${r.port}/hook`, { allowInsecure: false })).error?.kind).toBe("blocked_address");
    // A name that resolves to loopback passes no syntax check; the connect-time lookup stops it.
    expect((await post(`https://localhost:${r.port}/hook`, { allowInsecure: false })).error?.kind).toBe("blocked_address");
    expect(r.received).toHaveLength(0);
  });
});
