import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness } from "@/test/support/executor-harness";
import { hashedSigningKey } from "./sign-request";

// Executions counted in the test process, which also serves the app.
const runs: Record<string, number> = {};
const hit = (key: string) => (runs[key] = (runs[key] ?? 0) + 1);
const memoizedBefore: number[] = [];

let h: Awaited<ReturnType<typeof startHarness>>;

async function memoizedSteps(runId: string): Promise<number> {
  const { rows } = await h.db.query("SELECT 1 FROM executor.steps WHERE run_id = $1", [runId]);
  return rows.length;
}

beforeAll(async () => {
  h = await startHarness(
    (client) => [
      client.createFunction({ id: "chain", triggers: [{ event: "cp/chain" }] }, async ({ step, runId }) => {
        // Each step sees every earlier step already memoized in PostgreSQL: checkpoints are durable before the SDK goes on.
        const a = await step.run("a", async () => (memoizedBefore.push(await memoizedSteps(runId)), hit("chain-a")));
        const b = await step.run("b", async () => (memoizedBefore.push(await memoizedSteps(runId)), hit("chain-b")));
        const c = await step.run("c", async () => (memoizedBefore.push(await memoizedSteps(runId)), { sum: a + b }));
        return c;
      }),
      client.createFunction(
        { id: "then-fails", triggers: [{ event: "cp/then-fails" }], retries: 2 },
        async ({ step }) => {
          const a = await step.run("a", () => hit("then-fails-a"));
          const b = await step.run("b", () => {
            if (hit("then-fails-b") === 1) throw new Error("transient");
            return 10;
          });
          return a + b;
        },
      ),
      client.createFunction(
        { id: "late-fail", triggers: [{ event: "cp/late-fail" }], retries: 2 },
        async ({ step }) => {
          const a = await step.run("a", () => {
            if (hit("late-fail-a") <= 2) throw new Error("transient a");
            return 1;
          });
          const b = await step.run("b", () => {
            if (hit("late-fail-b") === 1) throw new Error("transient b");
            return 20;
          });
          return a + b;
        },
      ),
    ],
    { timeScale: 0.001 },
  );
});
afterAll(() => h?.stop());

describe("checkpointing (POST /v1/checkpoint/<runId>/async)", () => {
  it("runs consecutive steps in one call, each memoized before the next one starts", async () => {
    await h.client.send({ name: "cp/chain", data: {} });
    const [run] = await h.finished("chain");
    expect(run).toMatchObject({ status: "completed", output: { sum: 2 } });
    expect(h.appCalls("chain")).toBe(1);
    expect(memoizedBefore).toEqual([0, 1, 2]);
    expect([runs["chain-a"], runs["chain-b"]]).toEqual([1, 1]);
    const { rows } = await h.db.query<{ name: string; result: unknown }>(
      "SELECT name, result FROM executor.steps WHERE run_id = $1 ORDER BY seq",
      [run.id],
    );
    expect(rows).toEqual([
      { name: "a", result: { data: 1 } },
      { name: "b", result: { data: 1 } },
      { name: "c", result: { data: { sum: 2 } } },
    ]);
    expect(h.logs.filter((l) => l.includes(run.id) && l.includes("(checkpointed)"))).toHaveLength(3);
  });

  it("retries a failing step after checkpointed ones without running those again", async () => {
    await h.client.send({ name: "cp/then-fails", data: {} });
    const [run] = await h.finished("then-fails");
    expect(run).toMatchObject({ status: "completed", output: 11 });
    expect([runs["then-fails-a"], runs["then-fails-b"]]).toEqual([1, 2]);
  });

  it("gives a step that fails after a checkpoint its own attempts, not those its call began with", async () => {
    await h.client.send({ name: "cp/late-fail", data: {} });
    const [run] = await h.finished("late-fail");
    expect(run).toMatchObject({ status: "completed", output: 21 });
    expect([runs["late-fail-a"], runs["late-fail-b"]]).toEqual([3, 2]);
  });

  it("refuses a checkpoint from a call that no longer holds its lease, and stores nothing", async () => {
    const post = (runId: string, body: unknown) =>
      fetch(`${h.executor.url}/v1/checkpoint/${runId}/async`, {
        method: "POST",
        // As the SDK sends it.
        headers: { authorization: `Bearer ${hashedSigningKey(h.keys.signingKey)}` },
        body: typeof body === "string" ? body : JSON.stringify(body),
      });
    const step = { id: "s1", op: "StepRun", name: "s1", data: 1 };
    const stale = await post("run-x", {
      run_id: "run-x",
      fn_id: "conf-chain",
      qi_id: "424242.some-old-owner",
      steps: [step],
    });
    expect(stale.status).toBe(409);
    expect(await memoizedSteps("run-x")).toBe(0);
    expect((await post("run-x", "not json")).status).toBe(400);
    expect((await post("run-x", { run_id: "run-x", qi_id: "bogus", steps: [step] })).status).toBe(400);
    expect(
      (await post("run-x", { run_id: "run-x", qi_id: "1.o", steps: [{ id: "w", op: "Sleep", name: "1s" }] })).status,
    ).toBe(400);
  });
});
