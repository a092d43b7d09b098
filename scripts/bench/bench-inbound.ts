// npm run bench:inbound: POST /api/v1/webhooks/agent-event on the production build (`npm start`
// with its embedded executor, on a fresh PostgreSQL database: the web server passes it on to the
// ingest tier), beside a bare route of the web app in the same run (GET /api/health/live: no database, no body). Prints throughput at a fixed
// concurrency, p50/p99 at a paced 200 requests/s, and the ratio agent-event / bare route.
// Usage: tsx scripts/bench/bench-inbound.ts [requests=4000]   (builds first if there is no build)
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import os, { loadavg } from "node:os";
import { Pool, type Dispatcher } from "undici";
import { createDb } from "@/lib/db/client";
import { createTestDatabase } from "@/test/support/database";
import { startProduction } from "@/test/support/production-start";
import { createTestOrganization } from "@/test/support/webhook-fixtures";
import { closedLoop, cpuPerUnit, openLoop, percentiles, type Percentiles } from "./load";

const N = Number(process.argv[2] ?? 4000);
const CONCURRENCY = 32;
const PACED_RATE = 200;
const PACED_SECONDS = 10;
const TOKEN = randomBytes(24).toString("base64url");

type Figures = Percentiles & { rate: number };

async function main() {
  if (!existsSync(".next/BUILD_ID")) {
    console.log("No production build found: running `npm run build`…");
    if (spawnSync("npm", ["run", "build"], { stdio: "inherit" }).status !== 0) throw new Error("npm run build failed");
  }
  const database = await createTestDatabase();
  const db = createDb(database.url, 2);
  const org = await createTestOrganization(db);
  const app = await startProduction(
    {
      DATABASE_URL: database.url,
      AUTH_SECRET: randomBytes(32).toString("base64"),
      ENCRYPTION_KEY: randomBytes(32).toString("base64"),
      INTERNAL_AUTH_TOKEN: TOKEN,
      INNGEST_EXECUTOR_LOG: "0",
      LOG_LEVEL: "warn",
    },
    { echoErrors: true },
  );
  const origin = app.url;
  const http = new Pool(origin, { connections: CONCURRENCY, pipelining: 1 });

  let sent = 0;
  const bare = () => request(http, { path: "/api/health/live", method: "GET" }, '{"status":"ok"}');
  const agentEvent = () =>
    request(
      http,
      {
        path: "/api/v1/webhooks/agent-event",
        method: "POST",
        headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
        body: JSON.stringify({
          type: "new_lead",
          organization_id: org.id,
          data: { name: `Bench Caller ${++sent}`, phone: `+4915${String(sent).padStart(9, "0")}`, channel: "whatsapp" },
        }),
      },
      '"status":"processed"',
    );

  // Warm up both paths (JIT, connection pools, Next's route compilation caches).
  await closedLoop(300, CONCURRENCY, bare);
  await closedLoop(300, CONCURRENCY, agentEvent);

  const loadBefore = loadavg()[0];
  const bareCpu = await cpuPerUnit(app.pid, () => burst(N, bare), N);
  const bareBurst = bareCpu.result;
  const agentCpu = await cpuPerUnit(app.pid, () => burst(N, agentEvent), N);
  const agentBurst = agentCpu.result;
  const barePaced = await paced(bare);
  const agentPaced = await paced(agentEvent);

  const leads = await db.lead.count({ where: { organizationId: org.id } });
  if (leads !== sent) throw new Error(`expected ${sent} leads, found ${leads}: some agent events were not processed`);

  console.log(
    `\nproduction build, PostgreSQL, ${N} requests at concurrency ${CONCURRENCY}; paced ${PACED_RATE} req/s for ${PACED_SECONDS} s`,
  );
  console.log(
    `agent-event  ${agentBurst.rate.toFixed(0)} req/s  p50 ${agentBurst.p50} ms  p99 ${agentBurst.p99} ms   paced: p50 ${agentPaced.p50} ms  p99 ${agentPaced.p99} ms`,
  );
  console.log(
    `bare route   ${bareBurst.rate.toFixed(0)} req/s  p50 ${bareBurst.p50} ms  p99 ${bareBurst.p99} ms   paced: p50 ${barePaced.p50} ms  p99 ${barePaced.p99} ms`,
  );
  console.log(
    `CPU per request by process: agent-event ${agentCpu.ms} ms (${agentCpu.byProcess}), bare route ${bareCpu.ms} ms (${bareCpu.byProcess})`,
  );
  console.log(
    `ratio agent-event / bare route: ${(agentBurst.rate / bareBurst.rate).toFixed(2)}   (targets: ≥ 1,000 req/s, paced p99 ≤ 50 ms, ratio ≥ 0.3)`,
  );
  console.log(`${leads} leads created, each with its lead.created event (no endpoint subscribes, so no delivery runs)`);
  // Other work on the box skews the absolute figures; the ratio, measured in the same run, much less.
  console.log(
    `machine load (1-min average, ${os.cpus().length} cores): ${loadBefore.toFixed(1)} before, ${loadavg()[0].toFixed(1)} after`,
  );

  await http.close();
  await app.stop();
  await db.$disconnect();
  await database.drop();
}

async function request(http: Pool, options: Dispatcher.RequestOptions, expect: string): Promise<number> {
  const t0 = performance.now();
  const res = await http.request(options);
  const text = await res.body.text();
  if (res.statusCode !== 200 || !text.includes(expect))
    throw new Error(`${options.path} answered ${res.statusCode}: ${text.slice(0, 200)}`);
  return performance.now() - t0;
}

async function burst(n: number, call: () => Promise<number>): Promise<Figures> {
  const latencies: number[] = [];
  const t0 = performance.now();
  await closedLoop(n, CONCURRENCY, async () => latencies.push(await call()));
  return { rate: n / ((performance.now() - t0) / 1000), ...percentiles(latencies) };
}

async function paced(call: () => Promise<number>): Promise<Percentiles> {
  const latencies: number[] = [];
  await openLoop(PACED_RATE, PACED_SECONDS, async () => latencies.push(await call()));
  return percentiles(latencies);
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
