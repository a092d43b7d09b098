// Benchmark of the embedded executor: N trivial two-step runs through a real SDK app, against a
// baseline of the same HTTP calls to the serve route with no executor bookkeeping.
// Usage: tsx scripts/bench-executor.ts [runs=2000]   (uses the Postgres at 127.0.0.1:5432, else PGlite)
import http from "node:http";
import { Inngest } from "inngest";
import { serve } from "inngest/node";
import pg from "pg";
import { startExecutor } from "@/inngest/executor/executor";
import { createTestDatabase, freePort } from "@/test/helpers/database";

const N = Number(process.argv[2] ?? 2000);
const WORKERS = 32;
const PACED_RATE = 50;
const PACED_SECONDS = 6;

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const fmt = (n: number) => n.toFixed(1);

async function main(): Promise<void> {
  const database = await createTestDatabase({ migrate: false });
  const [executorPort, appPort] = [await freePort(), await freePort()];
  const client = new Inngest({ id: "bench", isDev: true, baseUrl: `http://127.0.0.1:${executorPort}`, logger: { info() {}, warn() {}, error() {}, debug() {} } });
  const fn = client.createFunction({ id: "two-step", triggers: [{ event: "bench/run" }] }, async ({ step }) => {
    const a = await step.run("a", () => 1);
    const b = await step.run("b", () => 2);
    return a + b;
  });
  const server = http.createServer(serve({ client, functions: [fn] }));
  await new Promise<void>((r) => server.listen(appPort, "127.0.0.1", r));
  const appUrl = `http://127.0.0.1:${appPort}/api/inngest`;
  const executor = await startExecutor({ databaseUrl: database.url, appUrl, port: executorPort, workers: WORKERS, log: false });
  const db = new pg.Pool({ connectionString: database.url, max: 2 });
  for (let i = 0; i < 200 && !((await (await fetch(`${executor.url}/health`)).json()) as { synced: boolean }).synced; i++) await sleep(50);

  const burst = await runThroughExecutor(db, executor.url, N, 0);
  const paced = await runThroughExecutor(db, executor.url, PACED_RATE * PACED_SECONDS, PACED_RATE);
  const baseline = await runBaseline(appUrl, N);

  console.log(`database: ${database.url.includes(":5432/") ? "PostgreSQL" : "PGlite (pglite-socket)"}; ${N} two-step runs, ${WORKERS} workers`);
  console.log(`executor  burst: ${fmt(burst.rate)} runs/s  p50 ${fmt(burst.p50)} ms  p99 ${fmt(burst.p99)} ms`);
  console.log(`baseline  burst: ${fmt(baseline.rate)} runs/s  p50 ${fmt(baseline.p50)} ms  p99 ${fmt(baseline.p99)} ms  (3 HTTP calls per run, no bookkeeping)`);
  console.log(`ratio executor/baseline: ${(burst.rate / baseline.rate).toFixed(2)}`);
  console.log(`executor paced ${PACED_RATE} ev/s: p50 ${fmt(paced.p50)} ms  p99 ${fmt(paced.p99)} ms`);

  await executor.stop();
  await db.end();
  server.closeAllConnections();
  server.close();
  await database.drop();
}

/** Sends `count` events (all at once in batches, or paced at `rate`/s) and measures until every run ended. */
async function runThroughExecutor(db: pg.Pool, url: string, count: number, rate: number) {
  const tag = `${rate}-${Date.now()}`;
  const start = Date.now();
  const sends: Promise<Response>[] = [];
  if (rate === 0) {
    for (let i = 0; i < count; i += 50) {
      const batch = Array.from({ length: Math.min(50, count - i) }, () => ({ name: "bench/run", data: { tag, sentAt: Date.now() } }));
      sends.push(fetch(`${url}/e/bench`, { method: "POST", body: JSON.stringify(batch) }));
    }
  } else {
    for (let i = 0; i < count; i++) {
      await sleep(Math.max(0, start + (i * 1000) / rate - Date.now()));
      sends.push(fetch(`${url}/e/bench`, { method: "POST", body: JSON.stringify({ name: "bench/run", data: { tag, sentAt: Date.now() } }) }));
    }
  }
  await Promise.all(sends);
  const deadline = Date.now() + 120_000;
  let rows: { sent: number; ended: number }[] = [];
  while (Date.now() < deadline) {
    const res = await db.query<{ sent: number; ended: number }>(
      `SELECT (event->'data'->>'sentAt')::float8 AS sent, extract(epoch FROM ended_at) * 1000 AS ended
       FROM executor.runs WHERE event->'data'->>'tag' = $1 AND status = 'completed'`,
      [tag],
    );
    rows = res.rows;
    if (rows.length >= count) break;
    await sleep(20);
  }
  if (rows.length < count) throw new Error(`only ${rows.length}/${count} runs finished`);
  const latencies = rows.map((r) => Number(r.ended) - Number(r.sent));
  const last = Math.max(...rows.map((r) => Number(r.ended)));
  return { rate: count / ((last - start) / 1000), p50: pct(latencies, 50), p99: pct(latencies, 99) };
}

/** The same three calls per run straight to the serve route, WORKERS runs in flight. */
async function runBaseline(appUrl: string, count: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: WORKERS });
  const a = "86f7e437faa5a7fce15d1ddcb9eaeaea377667b8";
  const b = "e9d71f5ee7c92d6dc9e92ffdad17b8bd49418f98";
  const bodies = [{}, { [a]: { data: 1 } }, { [a]: { data: 1 }, [b]: { data: 2 } }].map((steps, i) =>
    JSON.stringify({
      event: { name: "bench/run", data: {}, id: "e", ts: Date.now() },
      events: [{ name: "bench/run", data: {} }],
      steps,
      ctx: { run_id: "r", attempt: 0, max_attempts: 4, disable_immediate_execution: false, use_api: false, stack: { stack: Object.keys(steps), current: i } },
    }),
  );
  const url = `${appUrl}?fnId=bench-two-step&stepId=step`;
  const latencies: number[] = [];
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: WORKERS }, async () => {
      while (next < count) {
        next++;
        const t = performance.now();
        for (const body of bodies) await post(agent, url, body);
        latencies.push(performance.now() - t);
      }
    }),
  );
  agent.destroy();
  return { rate: count / ((performance.now() - start) / 1000), p50: pct(latencies, 50), p99: pct(latencies, 99) };
}

function post(agent: http.Agent, url: string, body: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: "POST", agent, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on("end", () => (res.statusCode === 200 || res.statusCode === 206 ? resolve() : reject(new Error(`status ${res.statusCode}`))));
    });
    req.on("error", reject);
    req.end(body);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

main().catch((error: Error) => {
  console.error(error);
  process.exit(1);
});
