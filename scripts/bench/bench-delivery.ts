// npm run bench:delivery: events → deliveries to a loopback receiver through the whole pipeline
// (outbox and deliveries, the real SDK route handler, the embedded executor, deliver), beside the
// ceiling measured in the same run: a bare loop of signed POSTs plus one INSERT each at the
// same concurrency. Prints deliveries/s, p50/p99 emit→delivered, the ratio, the p99 at a paced
// 100 events/s, and healthy endpoints' p99 while another endpoint hangs for 10 s.
//
// The serve route (app/api/inngest/route.ts) runs in its own process, as a Next.js instance
// does in production; this process plays the instance that emits events (the API) and runs the
// embedded executor, the receivers and the ceiling loop.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cpus, loadavg } from "node:os";
import pg from "pg";
import { waitUntil } from "@/lib/wait-until";
import { createTestDatabase } from "@/test/support/database";
import { freePort } from "@/test/support/free-port";
import { hostRoute } from "@/test/support/route-host";
import { startReceiver, type Received } from "@/test/support/receiver";
import { TSX_NODE_ARGS } from "../lib/tsx-node-args";
import { V8_SERVER_FLAGS } from "../lib/v8-server-flags";
import { closedLoop, cpuPerUnit, percentiles } from "./load";

const N = Number(process.argv[2] ?? 1000);
const CONCURRENCY = 50;
const SERVE_ROUTE = "--serve-route";

/** The app instance that serves /api/inngest, in a child process; prints its URL. */
async function serveRoute(): Promise<void> {
  const route = await import("@/app/api/inngest/route");
  const host = await hostRoute({ GET: route.GET, POST: route.POST, PUT: route.PUT });
  process.stdout.write(`serving ${host.url}\n`);
  process.on("SIGTERM", () => process.exit(0));
  // Ends with the benchmark, even when that one crashed: stdin closes with it.
  process.stdin.on("end", () => process.exit(0)).resume();
}

async function spawnRoute(env: NodeJS.ProcessEnv): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [...V8_SERVER_FLAGS, ...TSX_NODE_ARGS, import.meta.filename, SERVE_ROUTE], {
    env,
    stdio: ["pipe", "pipe", "inherit"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      const m = /serving (\S+)/.exec(chunk.toString());
      if (m) resolve(m[1]);
    });
    child.once("exit", (code) => reject(new Error(`route process exited early with ${code}`)));
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return { url, stop: () => (child.kill("SIGTERM"), exited) };
}

async function main() {
  const loadBefore = loadavg()[0];
  const database = await createTestDatabase();
  const executorPort = await freePort();
  Object.assign(process.env, {
    DATABASE_URL: database.url,
    DATABASE_POOL_SIZE: "20",
    ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    WEBHOOK_ALLOW_INSECURE_URLS: "1",
    INNGEST_DEV: `http://127.0.0.1:${executorPort}`,
    LOG_LEVEL: "warn",
  });
  const { getDb } = await import("@/lib/db/client");
  const { withEvents } = await import("@/lib/webhooks/emit-event");
  const { createEndpoint } = await import("@/lib/webhooks/manage-endpoints");
  const { sendWebhookRequest } = await import("@/lib/webhooks/send-webhook-request");
  const { buildSignatureHeaders } = await import("@/lib/webhooks/sign-payload");
  const { EVENT_CATALOGUE } = await import("@/lib/webhooks/event-catalogue");
  const { startExecutor } = await import("@/inngest/executor/executor");
  const db = getDb();
  const host = await spawnRoute(process.env);
  const executor = await startExecutor({
    databaseUrl: database.url,
    appUrl: host.url,
    port: executorPort,
    workers: CONCURRENCY,
    log: false,
  });
  await waitUntil(
    async () => ((await (await fetch(`${executor.url}/health`)).json()) as { synced: boolean }).synced,
    60_000,
    "the executor to sync",
    50,
  );

  const sent = new Map<string, number>();
  const latencies: number[] = [];
  const onReceive = (r: Received) => {
    const name = JSON.parse(r.body).data?.name as string | undefined;
    const t = name ? sent.get(name) : undefined;
    if (t !== undefined) latencies.push(r.at - t);
  };
  const receiver = await startReceiver((_n, r) => (onReceive(r), {}));
  const org = await db.organization.create({ data: { name: "Bench Salon", slug: "bench-salon" } });
  await createEndpoint(db, org.id, { url: receiver.url, event_types: ["lead.created"] });
  const emit = (i: number, tag: string) => {
    const name = `${tag}-${i}`;
    sent.set(name, Date.now());
    return withEvents(db, (_tx, e) => e(org.id, "lead.created", { ...EVENT_CATALOGUE["lead.created"].sample, name }));
  };

  // Ceiling: the same work with no pipeline.
  const ceilingDb = new pg.Pool({ connectionString: database.url, max: 20 });
  const body = JSON.stringify({ event: "lead.created", data: EVENT_CATALOGUE["lead.created"].sample });
  const c0 = performance.now();
  await closedLoop(N, CONCURRENCY, async (i) => {
    const headers = buildSignatureHeaders({
      body,
      webhookId: `c-${i}`,
      timestamp: Math.floor(Date.now() / 1000),
      secrets: { current: "whsec_" + "A".repeat(43) + "=" },
    });
    const r = await sendWebhookRequest({ url: receiver.url, body, headers, allowInsecure: true });
    await ceilingDb.query("INSERT INTO rate_limit_counters (key, window_start, count) VALUES ($1, now(), $2)", [
      `ceiling-${i}`,
      r.status ?? 0,
    ]);
  });
  const ceilingRate = N / ((performance.now() - c0) / 1000);

  // Burst through the pipeline.
  latencies.length = 0;
  const p0 = performance.now();
  const cpu = await cpuPerUnit(
    process.pid,
    async () => {
      await closedLoop(N, CONCURRENCY, (i) => emit(i, "burst"));
      await waitUntil(() => latencies.length >= N, 600_000, "the burst's deliveries", 50);
    },
    N,
  );
  const rate = N / ((performance.now() - p0) / 1000);
  const burst = percentiles(latencies);

  // Paced at 100 events/s.
  latencies.length = 0;
  const paced = Math.min(N, 500);
  const pacedFailed = await atRate(paced, 100, (i) => emit(i, "paced"));
  await waitUntil(() => latencies.length >= paced - pacedFailed(), 600_000, "the paced deliveries", 50);
  const pacedSummary = percentiles(latencies);

  // The same paced load while a second endpoint, subscribed to every event, hangs for 10 s.
  const hanging = await startReceiver(() => ({ delayMs: 10_000 }));
  await createEndpoint(db, org.id, { url: hanging.url, event_types: ["lead.created"] });
  latencies.length = 0;
  const isolatedFailed = await atRate(paced, 100, (i) => emit(i, "isolated"));
  await waitUntil(() => latencies.length >= paced - isolatedFailed(), 600_000, "the isolated deliveries", 50);
  const isolated = percentiles(latencies);

  console.log(
    `\ndeliveries: ${N}, concurrency ${CONCURRENCY}, one endpoint, real PostgreSQL; serve route in its own process`,
  );
  console.log(
    `pipeline  ${rate.toFixed(1)} deliveries/s   p50 ${burst.p50} ms   p99 ${burst.p99} ms (emit → delivered, burst)`,
  );
  console.log(`CPU per delivery: ${cpu.ms} ms (${cpu.byProcess}); ${cpus().length} cores`);
  console.log(`ceiling   ${ceilingRate.toFixed(1)} deliveries/s   (signed POST + one INSERT, same concurrency)`);
  console.log(`ratio     ${(rate / ceilingRate).toFixed(3)}   (target ≥ 0.5; target ≥ 1,000 deliveries/s)`);
  console.log(
    `paced 100 events/s: p50 ${pacedSummary.p50} ms   p99 ${pacedSummary.p99} ms (target p99 ≤ 250 ms)${failedNote(pacedFailed())}`,
  );
  console.log(
    `with a hanging endpoint: healthy p99 ${isolated.p99} ms = ${(isolated.p99 / pacedSummary.p99).toFixed(2)}× (target ≤ 2×)${failedNote(isolatedFailed())}`,
  );
  // Other work on the box skews every figure; the ratios, measured in the same run, much less.
  console.log(
    `machine load (1-min average, ${cpus().length} cores): ${loadBefore.toFixed(1)} before, ${loadavg()[0].toFixed(1)} after`,
  );

  // Stopped before the database is dropped, so no delivery still running logs a lost connection.
  await executor.stop();
  await host.stop();
  await receiver.close();
  await hanging.close();
  await ceilingDb.end();
  await db.$disconnect();
  await database.drop();
  process.exit(0);
}

/**
 * Starts `work(i)` every 1000/rate ms on an absolute schedule (timer drift is caught up), without
 * waiting for it, as real traffic arrives. Returns a count of the calls that failed (an emit whose
 * transaction could not start on an overloaded box), which then never reach the receiver.
 */
async function atRate(n: number, rate: number, work: (i: number) => Promise<unknown>) {
  let failed = 0;
  const start = performance.now();
  for (let i = 0; i < n; i++) {
    const wait = start + (i * 1000) / rate - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    work(i).catch(() => failed++);
  }
  return () => failed;
}

const failedNote = (failed: number) => (failed > 0 ? `; ${failed} emits FAILED (overload), left out` : "");

if (process.argv[2] === SERVE_ROUTE) void serveRoute();
else void main();
