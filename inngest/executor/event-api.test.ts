import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness } from "@/test/support/executor-harness";

let h: Awaited<ReturnType<typeof startHarness>>;
const post = (body: string, key = "k") =>
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

  it("answers /health", async () => {
    const health = (await (await fetch(`${h.executor.url}/health`)).json()) as { status: string; functions: number };
    expect(health).toMatchObject({ status: "ok", functions: 1 });
  });
});
