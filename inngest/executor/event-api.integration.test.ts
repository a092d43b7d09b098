import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitUntil } from "@/lib/wait-until";
import { startHarness } from "@/test/support/executor-harness";
import { testInngestKeys } from "@/test/support/inngest-keys";
import { hashedSigningKey } from "./sign-request";

let h: Awaited<ReturnType<typeof startHarness>>;
const post = (body: string, key = h.keys.eventKey) =>
  fetch(`${h.executor.url}/e/${key}`, { method: "POST", headers: { "content-type": "application/json" }, body });
const queued = async () =>
  Number((await h.db.query<{ n: string }>("SELECT count(*) AS n FROM executor.runs")).rows[0].n);

beforeAll(async () => {
  h = await startHarness((client) => [
    client.createFunction({ id: "echo", triggers: [{ event: "api/echo" }] }, async ({ event }) => event.data),
  ]);
});
afterAll(() => h?.stop());

describe("event API", () => {
  it("accepts one event or a batch and replies like Inngest", async () => {
    const res = await post(
      JSON.stringify([
        { name: "api/echo", data: { n: 1 } },
        { name: "api/echo", data: { n: 2 } },
      ]),
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as { ids: string[]; status: number };
    expect(body.status).toBe(200);
    expect(body.ids).toHaveLength(2);
    expect(await h.finished("echo", 2)).toHaveLength(2);
  });

  it("treats the event id as a 24 h idempotency key", async () => {
    const first = (await (await post(JSON.stringify({ id: "dup-1", name: "api/echo", data: { n: 3 } }))).json()) as {
      ids: string[];
    };
    const again = (await (await post(JSON.stringify({ id: "dup-1", name: "api/echo", data: { n: 3 } }))).json()) as {
      ids: string[];
    };
    expect(again.ids).toEqual(first.ids);
    await h.finished("echo", 3);
    expect((await h.runs("echo")).filter((r) => (r.output as { n: number }).n === 3)).toHaveLength(1);
  });

  it("rejects bad input with a clear 4xx and queues nothing", async () => {
    const before = await queued();
    const cases: [string, number, RegExp][] = [
      ["{not json", 400, /not valid JSON/],
      [JSON.stringify({ data: {} }), 400, /"name" is required/],
      [JSON.stringify([{ name: "api/echo" }, { name: "" }]), 400, /event 1: "name" is required/],
      [JSON.stringify({ name: "api/echo", data: { big: "x".repeat(600 * 1024) } }), 413, /larger than 512 KB/],
    ];
    for (const [body, status, message] of cases) {
      const res = await post(body);
      expect(res.status).toBe(status);
      expect(((await res.json()) as { error: string }).error).toMatch(message);
    }
    expect(await queued()).toBe(before);
  });

  it("refuses events without its event key, and queues nothing", async () => {
    const before = await queued();
    for (const key of ["", "k", testInngestKeys().eventKey, `${h.keys.eventKey}x`]) {
      const res = await post(JSON.stringify({ name: "api/echo", data: { n: 9 } }), key);
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: string }).error).toMatch(/Event key not found/);
    }
    expect(await queued()).toBe(before);
  });

  it("takes registrations and checkpoints only with the signing key's hash as bearer", async () => {
    const register = (bearer: string | null, url: string) =>
      fetch(`${h.executor.url}/fn/register`, {
        method: "POST",
        headers: { "content-type": "application/json", ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
        body: JSON.stringify({ url, functions: [] }),
      });
    const appUrl = ((await (await fetch(`${h.executor.url}/health`)).json()) as { appUrl: string }).appUrl;
    const elsewhere = "http://attacker.example/api/inngest";
    expect((await register(null, appUrl)).status).toBe(401);
    expect((await register(hashedSigningKey(testInngestKeys().signingKey), appUrl)).status).toBe(401);
    expect((await register(h.keys.signingKey, appUrl)).status).toBe(401);
    // The right bearer naming another URL (as the SDK builds it from a forged Host) changes nothing.
    const foreign = await register(hashedSigningKey(h.keys.signingKey), elsewhere);
    expect(foreign.status).toBe(400);
    expect(((await foreign.json()) as { error: string }).error).toMatch(/serves only/);
    const checkpoint = await fetch(`${h.executor.url}/v1/checkpoint/run-1/async`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ run_id: "run-1", qi_id: "1.owner", steps: [] }),
    });
    expect(checkpoint.status).toBe(401);
    // Still the app's functions, still at the app's URL: an event runs as before.
    expect((await post(JSON.stringify({ name: "api/echo", data: { n: 10 } }))).status).toBe(200);
    await waitUntil(
      async () => (await h.runs("echo")).some((r) => (r.output as { n?: number } | null)?.n === 10),
      10_000,
      "the run after the refused registrations",
    );
    const { rows } = await h.db.query<{ config: string }>("SELECT config::text FROM executor.functions");
    expect(rows.some((r) => r.config.includes("attacker.example"))).toBe(false);
  });

  it("answers /health", async () => {
    const health = (await (await fetch(`${h.executor.url}/health`)).json()) as { status: string; functions: number };
    expect(health).toMatchObject({ status: "ok", functions: 1 });
  });
});
