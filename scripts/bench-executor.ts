// Benchmark of the embedded executor: N trivial two-step runs through a real SDK app, against a
// baseline of the same HTTP calls to the serve route with no executor bookkeeping.
// Usage: tsx scripts/bench-executor.ts [runs=2000]   (uses the Postgres at 127.0.0.1:5432, else PGlite)
//
// The app runs in its own process, as in production (Next.js and the executor are separate
// processes), and the executor in this one. The executor calls the app once per run: the SDK
// runs both steps in that call and checkpoints each to the executor's checkpoint API. The
// baseline makes the same call per run to a fresh app process whose checkpoints go to a bare
// responder (200, no database), so the only difference is the executor's bookkeeping.
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { cpus, loadavg } from "node:os";
import "@/inngest/plain-process-env";
import { Inngest } from "inngest";
import { serve } from "inngest/node";
import pg from "pg";
import { startExecutor } from "@/inngest/executor/executor";
import { canonicalJson, signatureHeader } from "@/inngest/executor/sign-request";
import { createTestDatabase } from "@/test/support/database";
import { freePort } from "@/test/support/free-port";
import { testInngestKeys } from "@/test/support/inngest-keys";
import { cpuPerUnit } from "./bench/load";
import { TSX_NODE_ARGS } from "./lib/tsx-node-args";

const N = Number(process.argv[2] ?? 2000);
const WORKERS = 32;
const PACED_RATE = 50;
const PACED_SECONDS = 6;
const SERVE_APP = "--serve-app";

const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const fmt = (n: number) => n.toFixed(1);
/** The executor signs its calls and the app checks them, as in production. */
const KEYS = testInngestKeys();

/** The app process: the two-step function behind the SDK's serve handler; counts calls to the route. */
function serveApp(): void {
  const client = new Inngest({
    id: "bench",
    isDev: false,
    baseUrl: process.env.BENCH_INNGEST_URL,
    eventKey: process.env.BENCH_EVENT_KEY,
    signingKey: process.env.BENCH_SIGNING_KEY,
    logger: { info() {}, warn() {}, error() {}, debug() {} },
  });
  const fn = client.createFunction({ id: "two-step", triggers: [{ event: "bench/run" }] }, async ({ step }) => {
    const a = await step.run("a", () => 1);
    const b = await step.run("b", () => 2);
    return a + b;
  });
  const handler = serve({ client, functions: [fn] });
  let calls = 0;
  const server = http.createServer((req, res) => {
    if (req.url === "/calls") return void res.end(String(calls));
    if (req.method === "POST") calls++;
    return handler(req, res);
  });
  server.listen(0, "127.0.0.1", () => process.stdout.write(`listening ${(server.address() as AddressInfo).port}\n`));
  // An orderly exit, so `node --cpu-prof` can write the app's profile; and one with the
  // benchmark, even when that one crashed: stdin closes with it.
  process.on("SIGTERM", () => process.exit(0));
  process.stdin.on("end", () => process.exit(0)).resume();
}

async function spawnApp(inngestUrl: string): Promise<{ url: string; calls: () => Promise<number>; stop: () => void }> {
  const child: ChildProcess = spawn(process.execPath, [...TSX_NODE_ARGS, import.meta.filename, SERVE_APP], {
    env: {
      ...process.env,
      BENCH_INNGEST_URL: inngestUrl,
      BENCH_EVENT_KEY: KEYS.eventKey,
      BENCH_SIGNING_KEY: KEYS.signingKey,
    },
    stdio: ["pipe", "pipe", "inherit"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      const m = /listening (\d+)/.exec(chunk.toString());
      if (m) resolve(Number(m[1]));
    });
    child.once("exit", (code) => reject(new Error(`app exited early with ${code}`)));
  });
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/api/inngest`,
    calls: async () => Number(await (await fetch(`${origin}/calls`)).text()),
    stop: () => child.kill("SIGTERM"),
  };
}

async function main(): Promise<void> {
  const loadBefore = loadavg()[0];
  const database = await createTestDatabase({ migrate: false });
  const executorPort = await freePort();
  const app = await spawnApp(`http://127.0.0.1:${executorPort}`);
  const executor = await startExecutor({
    databaseUrl: database.url,
    appUrl: app.url,
    port: executorPort,
    ...KEYS,
    workers: WORKERS,
    log: false,
  });
  const db = new pg.Pool({ connectionString: database.url, max: 2 });
  for (
    let i = 0;
    i < 200 && !((await (await fetch(`${executor.url}/health`)).json()) as { synced: boolean }).synced;
    i++
  )
    await sleep(50);

  await runThroughExecutor(db, executor.url, 200, 0); // warm-up: JIT, connections
  const callsBefore = await app.calls();
  const { result: burst, ...cpu } = await cpuPerUnit(process.pid, () => runThroughExecutor(db, executor.url, N, 0), N);
  const callsPerRun = ((await app.calls()) - callsBefore) / N;
  const paced = await runThroughExecutor(db, executor.url, PACED_RATE * PACED_SECONDS, PACED_RATE);
  await executor.stop();
  app.stop();

  const baseline = await runBaseline(N);

  console.log(
    `database: ${database.url.includes(":5432/") ? "PostgreSQL" : "PGlite (pglite-socket)"}; ${N} two-step runs, ${WORKERS} workers; app in its own process`,
  );
  // Other work on the box skews every figure; the ratio, measured in the same run, much less.
  console.log(
    `machine load (1-min average, ${cpus().length} cores): ${loadBefore.toFixed(1)} before, ${loadavg()[0].toFixed(1)} after`,
  );
  console.log(
    `executor  burst: ${fmt(burst.rate)} runs/s  p50 ${fmt(burst.p50)} ms  p99 ${fmt(burst.p99)} ms  (${callsPerRun.toFixed(2)} calls to the app per run; steps checkpointed)`,
  );
  console.log(`CPU per run: ${cpu.ms} ms (${cpu.byProcess})`);
  console.log(
    `baseline  burst: ${fmt(baseline.rate)} runs/s  p50 ${fmt(baseline.p50)} ms  p99 ${fmt(baseline.p99)} ms  (the same 1 call per run, checkpoints answered with no bookkeeping)`,
  );
  console.log(
    `ratio executor/baseline: ${(burst.rate / baseline.rate).toFixed(2)}   (targets: >= 500 runs/s, ratio >= 0.5)`,
  );
  console.log(
    `executor paced ${PACED_RATE} ev/s: p50 ${fmt(paced.p50)} ms  p99 ${fmt(paced.p99)} ms   (target p99 <= 100 ms)`,
  );

  await db.end();
  await database.drop();
}

/** Sends `count` events (all at once in batches, or paced at `rate`/s) and measures until every run ended. */
async function runThroughExecutor(db: pg.Pool, url: string, count: number, rate: number) {
  const tag = `${rate}-${Date.now()}`;
  const start = Date.now();
  const sends: Promise<Response>[] = [];
  if (rate === 0) {
    for (let i = 0; i < count; i += 50) {
      const batch = Array.from({ length: Math.min(50, count - i) }, () => ({
        name: "bench/run",
        data: { tag, sentAt: Date.now() },
      }));
      sends.push(fetch(`${url}/e/${KEYS.eventKey}`, { method: "POST", body: JSON.stringify(batch) }));
    }
  } else {
    for (let i = 0; i < count; i++) {
      await sleep(Math.max(0, start + (i * 1000) / rate - Date.now()));
      sends.push(
        fetch(`${url}/e/${KEYS.eventKey}`, {
          method: "POST",
          body: JSON.stringify({ name: "bench/run", data: { tag, sentAt: Date.now() } }),
        }),
      );
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
    // Latency comes from each run's ended_at, so a slow poll costs no accuracy, and this scan
    // of the runs table stays out of the database's way while the executor works.
    await sleep(250);
  }
  if (rows.length < count) throw new Error(`only ${rows.length}/${count} runs finished`);
  const latencies = rows.map((r) => Number(r.ended) - Number(r.sent));
  const last = Math.max(...rows.map((r) => Number(r.ended)));
  return { rate: count / ((last - start) / 1000), p50: pct(latencies, 50), p99: pct(latencies, 99) };
}

/**
 * The executor's call, straight to the serve route of a fresh app process, WORKERS runs in
 * flight; the SDK's checkpoints go to a responder that answers 200 and keeps nothing.
 */
async function runBaseline(count: number) {
  let checkpoints = 0;
  const responder = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      checkpoints++;
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((r) => responder.listen(0, "127.0.0.1", r));
  const app = await spawnApp(`http://127.0.0.1:${(responder.address() as AddressInfo).port}`);
  const agent = new http.Agent({ keepAlive: true, maxSockets: WORKERS });
  const url = `${app.url}?fnId=bench-two-step&stepId=step`;
  const body = (i: number) =>
    canonicalJson({
      event: { name: "bench/run", data: {}, id: "e", ts: Date.now() },
      events: [{ name: "bench/run", data: {} }],
      steps: {},
      ctx: {
        run_id: `r${i}`,
        attempt: 0,
        max_attempts: 4,
        disable_immediate_execution: false,
        use_api: false,
        fn_id: "bench-two-step",
        qi_id: `${i}.baseline`,
        stack: { stack: [], current: 0 },
      },
    });
  const measure = async (n: number) => {
    const latencies: number[] = [];
    let next = 0;
    const start = performance.now();
    await Promise.all(
      Array.from({ length: WORKERS }, async () => {
        while (next < n) {
          const t = performance.now();
          const reply = await post(agent, url, body(next++));
          if (!reply.includes("RunComplete"))
            throw new Error(`the run did not complete in one call: ${reply.slice(0, 200)}`);
          latencies.push(performance.now() - t);
        }
      }),
    );
    return { rate: n / ((performance.now() - start) / 1000), p50: pct(latencies, 50), p99: pct(latencies, 99) };
  };
  await measure(200); // warm-up, as for the executor
  checkpoints = 0;
  const result = await measure(count);
  if (checkpoints !== 2 * count) throw new Error(`expected ${2 * count} checkpoints, got ${checkpoints}`);
  agent.destroy();
  app.stop();
  responder.close();
  return result;
}

function post(agent: http.Agent, url: string, body: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: "POST",
        agent,
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
          "x-inngest-signature": signatureHeader(body, KEYS.signingKey),
        },
      },
      (res) => {
        let text = "";
        res.on("data", (c: Buffer) => (text += c));
        res.on("end", () =>
          res.statusCode === 200 || res.statusCode === 206
            ? resolve(text)
            : reject(new Error(`status ${res.statusCode}`)),
        );
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

if (process.argv[2] === SERVE_APP) serveApp();
else
  main().catch((error: Error) => {
    console.error(error);
    process.exit(1);
  });
