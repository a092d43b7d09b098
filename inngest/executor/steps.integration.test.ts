import { NonRetriableError, RetryAfterError } from "inngest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness } from "@/test/support/executor-harness";

// Counters live in the test process, which also serves the app: they count real executions.
const calls: Record<string, number> = {};
const hit = (key: string) => (calls[key] = (calls[key] ?? 0) + 1);
const attemptTimes: number[] = [];
const failures: string[] = [];

let h: Awaited<ReturnType<typeof startHarness>>;

beforeAll(async () => {
  h = await startHarness(
    (client) => [
      client.createFunction({ id: "memo", triggers: [{ event: "t/memo" }] }, async ({ step, event }) => {
        const a = await step.run("a", () => hit(`memo-a-${event.data.n}`));
        await step.sleep("nap", "10s");
        const b = await step.run("b", () => hit(`memo-b-${event.data.n}`));
        return { a, b };
      }),
      client.createFunction({ id: "parallel", triggers: [{ event: "t/parallel" }] }, async ({ step }) => {
        const [x, y, z] = await Promise.all([step.run("x", () => 1), step.run("y", () => 2), step.run("z", () => 3)]);
        const after = await step.run("after", () => hit("parallel-after"));
        return x + y + z + after * 100;
      }),
      client.createFunction({ id: "flaky", triggers: [{ event: "t/flaky" }], retries: 3 }, async ({ step }) => {
        return step.run("flaky-step", () => {
          attemptTimes.push(Date.now());
          if (hit("flaky") < 3) throw new Error("transient");
          return "recovered";
        });
      }),
      client.createFunction(
        { id: "retry-after", triggers: [{ event: "t/retry-after" }], retries: 2 },
        async ({ step }) => {
          return step.run("limited", () => {
            if (hit("retry-after") === 1) throw new RetryAfterError("slow down", "2s");
            return Date.now();
          });
        },
      ),
      client.createFunction(
        {
          id: "doomed",
          triggers: [{ event: "t/doomed" }],
          retries: 5,
          onFailure: async ({ error, event }: { error: Error; event: { data: { function_id: string } } }) => {
            failures.push(`${event.data.function_id}: ${error.message}`);
          },
        },
        async ({ step }) => {
          await step.run("never-works", () => {
            hit("doomed");
            throw new NonRetriableError("bad input");
          });
        },
      ),
      client.createFunction({ id: "sender", triggers: [{ event: "t/send" }] }, async ({ step }) => {
        await step.sendEvent("fan", [
          { name: "t/received", data: { n: 1 } },
          { name: "t/received", data: { n: 2 } },
        ]);
        return "sent";
      }),
      client.createFunction({ id: "receiver", triggers: [{ event: "t/*" }] }, async ({ event }) =>
        event.name === "t/received" ? event.data.n : null,
      ),
    ],
    { timeScale: 0.005 },
  );
});
afterAll(() => h?.stop());

describe("executor conformance", () => {
  it("memoizes steps across a sleep: each step runs once", async () => {
    await h.client.send({ name: "t/memo", data: { n: 1 } });
    const [run] = await h.finished("memo");
    expect(run.status).toBe("completed");
    expect(run.output).toEqual({ a: 1, b: 1 });
    expect(calls["memo-a-1"]).toBe(1);
    expect(calls["memo-b-1"]).toBe(1);
  });

  it("runs parallel steps and continues after all of them", async () => {
    await h.client.send({ name: "t/parallel", data: {} });
    const [run] = await h.finished("parallel");
    expect(run.output).toBe(106);
    expect(calls["parallel-after"]).toBe(1);
  });

  it("retries a failing step with growing backoff, then succeeds", async () => {
    await h.client.send({ name: "t/flaky", data: {} });
    const [run] = await h.finished("flaky");
    expect(run.output).toBe("recovered");
    expect(calls.flaky).toBe(3);
    // Backoff ~10 s then ~20 s, scaled by 0.005 (50 ms, 100 ms): the second gap is longer than the first.
    const [g1, g2] = [attemptTimes[1] - attemptTimes[0], attemptTimes[2] - attemptTimes[1]];
    expect(g1).toBeGreaterThanOrEqual(40);
    expect(g2).toBeGreaterThanOrEqual(80);
  });

  it("honours Retry-After from RetryAfterError", async () => {
    const sent = Date.now();
    await h.client.send({ name: "t/retry-after", data: {} });
    const [run] = await h.finished("retry-after");
    expect(run.status).toBe("completed");
    expect(calls["retry-after"]).toBe(2);
    // 2 s scaled by 0.005 is 10 ms: it ran again soon, not after a default backoff.
    expect(Number(run.output) - sent).toBeLessThan(2_000);
  });

  it("stops at NonRetriableError and runs onFailure", async () => {
    await h.client.send({ name: "t/doomed", data: {} });
    const [run] = await h.finished("doomed");
    expect(run.status).toBe("failed");
    expect(calls.doomed).toBe(1);
    const [failure] = await h.finished("doomed-failure");
    expect(failure.status).toBe("completed");
    expect(failures).toEqual(["conf-doomed: bad input"]);
  });

  it("delivers step.sendEvent events to wildcard triggers", async () => {
    await h.client.send({ name: "t/send", data: {} });
    const [run] = await h.finished("sender");
    expect(run.output).toBe("sent");
    const received = await h.finished("receiver", 3);
    const outputs = received.map((r) => r.output).filter((o) => o !== null);
    expect(outputs.sort()).toEqual([1, 2]);
  });
});
