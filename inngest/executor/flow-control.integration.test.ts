import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitUntil } from "@/lib/wait-until";
import { startHarness } from "@/test/support/executor-harness";

let active = 0;
let maxActive = 0;
const ticks: number[] = [];
let h: Awaited<ReturnType<typeof startHarness>>;
let releaseStuck: () => void = () => undefined;
const stuck = new Promise<void>((r) => (releaseStuck = r));
let releaseStuckTwo: () => void = () => undefined;
const stuckTwo = new Promise<void>((r) => (releaseStuckTwo = r));

beforeAll(async () => {
  h = await startHarness((client) => [
    client.createFunction(
      { id: "serial", triggers: [{ event: "f/serial" }], concurrency: { key: "event.data.endpoint", limit: 1 } },
      async ({ step }) =>
        step.run("work", async () => {
          active++;
          maxActive = Math.max(maxActive, active);
          await new Promise((r) => setTimeout(r, 30));
          active--;
          return Date.now();
        }),
    ),
    client.createFunction(
      { id: "keyed", triggers: [{ event: "f/keyed" }], concurrency: { key: "event.data.endpoint", limit: 1 } },
      async ({ event, step }) =>
        step.run("work", async () => (event.data.endpoint === "stuck" ? stuck.then(() => "released") : "done")),
    ),
    client.createFunction(
      {
        id: "two-limits",
        triggers: [{ event: "f/two-limits" }],
        concurrency: [{ limit: 20 }, { key: "event.data.endpoint", limit: 1 }],
      },
      async ({ event, step }) =>
        step.run("work", async () => (event.data.endpoint === "stuck" ? stuckTwo.then(() => "released") : "done")),
    ),
    client.createFunction(
      { id: "once", triggers: [{ event: "f/once" }], idempotency: "event.data.orderId" },
      async ({ event }) => event.data.orderId,
    ),
    client.createFunction({ id: "tick", triggers: [{ cron: "* * * * * *" }] }, async () => ticks.push(Date.now())),
  ]);
});
afterAll(() => h?.stop());

/**
 * Queues more items of a stuck key than one keyed claim looks at, all older than three items of
 * free keys, and returns the outputs of the runs that completed while the stuck key held out.
 */
async function freeKeysDoneWhileOneKeyIsStuck(
  fnId: string,
  eventName: string,
  release: () => void,
): Promise<unknown[]> {
  await h.client.send(Array.from({ length: 80 }, (_, i) => ({ name: eventName, data: { endpoint: "stuck", i } })));
  await h.client.send([1, 2, 3].map((i) => ({ name: eventName, data: { endpoint: `free-${i}` } })));
  const done = async () => (await h.runs(fnId)).filter((r) => r.status === "completed").map((r) => r.output);
  try {
    await waitUntil(async () => (await done()).length >= 3, 5_000, `the runs of the free keys (${fnId})`).catch(
      () => undefined,
    );
    return await done();
  } finally {
    release();
  }
}

describe("flow control", () => {
  it("runs one step at a time per concurrency key, and other keys alongside", async () => {
    await h.client.send([1, 2, 3, 4].map((i) => ({ name: "f/serial", data: { endpoint: "a", i } })));
    await h.client.send([1, 2].map((i) => ({ name: "f/serial", data: { endpoint: "b", i } })));
    const runs = await h.finished("serial", 6);
    expect(runs.every((r) => r.status === "completed")).toBe(true);
    // Key a is serial; key b may overlap it, so at most 2 ran at once overall.
    expect(maxActive).toBe(2);
  });

  it("runs other keys while one key, at its limit, has a long backlog queued ahead of them", async () => {
    expect(await freeKeysDoneWhileOneKeyIsStuck("keyed", "f/keyed", releaseStuck)).toEqual(["done", "done", "done"]);
  });

  it("with a function-wide limit before the key, runs other keys while one key's backlog waits", async () => {
    // Every item shares the function-wide key, so the stuck endpoint's backlog comes first in it.
    expect(await freeKeysDoneWhileOneKeyIsStuck("two-limits", "f/two-limits", releaseStuckTwo)).toEqual([
      "done",
      "done",
      "done",
    ]);
  });

  it("skips runs whose idempotency key was seen within 24 h", async () => {
    await h.client.send({ name: "f/once", data: { orderId: "o-1" } });
    await h.client.send({ name: "f/once", data: { orderId: "o-1" } });
    await h.client.send({ name: "f/once", data: { orderId: "o-2" } });
    const runs = await h.finished("once", 2);
    await new Promise((r) => setTimeout(r, 200));
    expect((await h.runs("once")).map((r) => r.output).sort()).toEqual(["o-1", "o-2"]);
    expect(runs).toHaveLength(2);
  });

  it("fires cron triggers", async () => {
    const before = ticks.length;
    await new Promise((r) => setTimeout(r, 2_500));
    expect(ticks.length - before).toBeGreaterThanOrEqual(1);
    expect(ticks.length - before).toBeLessThanOrEqual(3);
  });
});
