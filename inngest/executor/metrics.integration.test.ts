import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHarness } from "@/test/support/executor-harness";

// GET /metrics of the embedded executor, scraped while runs start, complete and fail.
const TOKEN = "executor-metrics-token";
let h: Awaited<ReturnType<typeof startHarness>>;

beforeAll(async () => {
  h = await startHarness(
    (client) => [
      client.createFunction({ id: "ok", triggers: [{ event: "api/ok" }] }, async () => "done"),
      client.createFunction({ id: "boom", retries: 0, triggers: [{ event: "api/boom" }] }, async () => {
        throw new Error("boom");
      }),
    ],
    { metricsToken: TOKEN },
  );
});
afterAll(() => h?.stop());

const scrape = (token?: string) =>
  fetch(`${h.executor.url}/metrics`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

async function sample(name: string): Promise<number> {
  const text = await (await scrape(TOKEN)).text();
  const line = text.split("\n").find((l) => l.startsWith(`${name} `));
  return line ? Number(line.slice(name.length + 1)) : 0;
}

describe("executor metrics", () => {
  it("answer 401 without the token", async () => {
    expect((await scrape()).status).toBe(401);
    expect((await scrape("wrong")).status).toBe(401);
  });

  it("count runs by status and show the queue depth", async () => {
    const started = await sample('empfio_executor_runs_total{status="started"}');
    const completed = await sample('empfio_executor_runs_total{status="completed"}');
    const failed = await sample('empfio_executor_runs_total{status="failed"}');
    const send = (name: string) =>
      fetch(`${h.executor.url}/e/${h.keys.eventKey}`, { method: "POST", body: JSON.stringify([{ name, data: {} }]) });
    await send("api/ok");
    await send("api/boom");
    await h.finished("ok");
    await h.finished("boom");
    expect((await sample('empfio_executor_runs_total{status="started"}')) - started).toBe(2);
    expect((await sample('empfio_executor_runs_total{status="completed"}')) - completed).toBe(1);
    expect((await sample('empfio_executor_runs_total{status="failed"}')) - failed).toBe(1);
    expect(await sample('empfio_executor_queue_depth{state="due"}')).toBe(0);
  });
});
