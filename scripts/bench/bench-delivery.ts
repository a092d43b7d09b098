// npm run bench:delivery [events]: the product as `npm start` runs it (scripts/start.ts start: web,
// ingest, worker, embedded executor) on a fresh PostgreSQL database, with agent events arriving over HTTP
// (POST /api/v1/webhooks/agent-event, new_lead) and fanning out as lead.created to loopback
// receivers. Beside it, in the same run, the ceiling: a bare loop of signed POSTs plus one INSERT
// each, 50 in flight. For 1 and 3 endpoints it prints deliveries/s end to end and the ratio to the
// ceiling, Inngest runs per delivery, CPU per delivery by process, agent events accepted per
// second against idle, and the dashboard API's p95 against idle; then emit → delivered p99 at a
// paced 100 events/s, and the same while another endpoint hangs. Targets are printed beside.
// Also the PostgreSQL backends busy at once during the burst and, with pg_stat_statements loaded
// in the server, PostgreSQL's time per delivery by statement and the dashboard request's SQL.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import pg from "pg";
import { Agent, request } from "undici";
import { waitUntil } from "@/lib/wait-until";
import { createTestDatabase } from "@/test/support/database";
import { startProduction } from "@/test/support/production-start";
import { startReceiver, type Received } from "@/test/support/receiver";
import { closedLoop, cpuPerUnit, percentiles } from "./load";

const EVENTS = Number(process.argv[2] ?? 1000);
const CONCURRENCY = 32;
const CEILING_CONCURRENCY = 50;

async function main() {
  const loadBefore = loadavg()[0];
  if (!existsSync(".next/BUILD_ID")) {
    console.log("No production build: running npm run build first…");
    if (spawnSync("npm", ["run", "build"], { stdio: "inherit" }).status !== 0) throw new Error("npm run build failed");
  }
  const database = await createTestDatabase({ migrate: false });
  const token = randomBytes(24).toString("base64url");
  const encryptionKey = randomBytes(32).toString("base64");
  Object.assign(process.env, { ENCRYPTION_KEY: encryptionKey, WEBHOOK_ALLOW_INSECURE_URLS: "1", LOG_LEVEL: "warn" });
  const product = await startProduction(
    {
      DATABASE_URL: database.url,
      AUTH_SECRET: randomBytes(32).toString("base64"),
      ENCRYPTION_KEY: encryptionKey,
      INTERNAL_AUTH_TOKEN: token,
      INNGEST_EXECUTOR_LOG: "0",
    },
    { echoErrors: true },
  );
  const { createDb } = await import("@/lib/db/client");
  const { createEndpoint } = await import("@/lib/webhooks/manage-endpoints");
  const { createApiKey } = await import("@/lib/api-keys/manage-api-keys");
  const { emitEvent } = await import("@/lib/webhooks/emit-event");
  const { EVENT_CATALOGUE } = await import("@/lib/webhooks/event-catalogue");
  const leadSample = EVENT_CATALOGUE["lead.created"].sample;
  const db = createDb(database.url, 4);
  const sql = new pg.Pool({ connectionString: database.url, max: 20 });
  const http = new Agent({ connections: CEILING_CONCURRENCY, keepAliveTimeout: 30_000 });
  const statements = await statementTimes(sql);

  const sent = new Map<string, number>();
  const latencies: number[] = [];
  let received = 0;
  const onReceive = (r: Received) => {
    received++;
    const name = JSON.parse(r.body).data?.name as string | undefined;
    const at = name ? sent.get(name) : undefined;
    if (at !== undefined) latencies.push(r.at - at);
  };
  const receiver = await startReceiver((_n, r) => (onReceive(r), {}));
  const hanging = await startReceiver(() => ({ hang: true }));

  let orgs = 0;
  async function organization(endpoints: number, url = receiver.url) {
    const org = await db.organization.create({
      data: { name: `Bench ${++orgs}`, slug: `bench-${orgs}-${Date.now()}` },
    });
    for (let i = 0; i < endpoints; i++) await createEndpoint(db, org.id, { url, event_types: ["lead.created"] });
    const { key } = await createApiKey(db, org.id, { name: "bench", scope: "manage" });
    return { id: org.id, key };
  }

  async function agentEvent(orgId: string, name: string): Promise<void> {
    sent.set(name, Date.now());
    const res = await request(`${product.url}/api/v1/webhooks/agent-event`, {
      method: "POST",
      dispatcher: http,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ type: "new_lead", organization_id: orgId, data: { name, channel: "phone" } }),
    });
    await res.body.text();
    if (res.statusCode !== 200) throw new Error(`agent event answered ${res.statusCode}`);
  }

  /** GET /api/v1/deliveries?limit=20 one after another until `stop`, as an owner's dashboard polls. */
  function dashboard(key: string, stop: { done: boolean }): Promise<number[]> {
    return (async () => {
      const times: number[] = [];
      while (!stop.done) {
        const t = performance.now();
        const res = await request(`${product.url}/api/v1/deliveries?limit=20`, {
          dispatcher: http,
          headers: { authorization: `Bearer ${key}` },
        });
        await res.body.text();
        if (res.statusCode !== 200) throw new Error(`dashboard API answered ${res.statusCode}`);
        times.push(performance.now() - t);
        await new Promise((r) => setTimeout(r, 20));
      }
      return times;
    })();
  }

  // Warm-up: the first requests of a fresh server compile and fill caches.
  const warm = await organization(1);
  await closedLoop(200, 8, (i) => agentEvent(warm.id, `warm-${i}`));
  await waitUntil(() => received >= 200, 60_000, "the warm-up deliveries");

  const ceiling = await measureCeiling(receiver.url, sql);
  const rows: string[] = [];
  for (const endpoints of [1, 3]) {
    // Idle figures: agent events that nobody subscribes to, and the dashboard with nothing running.
    const quiet = await organization(0);
    const t0 = performance.now();
    await closedLoop(EVENTS, CONCURRENCY, (i) => agentEvent(quiet.id, `idle-${endpoints}-${i}`));
    const idleRate = EVENTS / ((performance.now() - t0) / 1000);
    const org = await organization(endpoints);
    const idleStop = { done: false };
    const idleStatements = await statements.sample();
    const idleDashboard = dashboard(org.key, idleStop);
    await new Promise((r) => setTimeout(r, 2_000));
    idleStop.done = true;
    const idleTimes = await idleDashboard;
    const idleP95 = p95(idleTimes);
    const idleSql = statements.dashboardSql(idleStatements, await statements.sample(), idleTimes.length);

    // The burst.
    const expected = received + EVENTS * endpoints;
    const runsBefore = await deliveryRuns(sql);
    const statementsBefore = await statements.sample();
    const burstStop = { done: false };
    const burstDashboard = dashboard(org.key, burstStop);
    const burstBackends = busyBackends(sql, burstStop);
    const b0 = performance.now();
    const ownBefore = process.cpuUsage();
    let acceptedAt = 0;
    const cpu = await cpuPerUnit(
      product.pid,
      async () => {
        await closedLoop(EVENTS, CONCURRENCY, (i) => agentEvent(org.id, `burst-${endpoints}-${i}`));
        acceptedAt = performance.now();
        await waitUntil(() => received >= expected, 600_000, "the burst's deliveries");
      },
      EVENTS * endpoints,
    );
    const seconds = (performance.now() - b0) / 1000;
    // This process plays the agent, the receivers and the dashboard on the same two cores.
    const own = process.cpuUsage(ownBefore);
    const ownMs = (own.user + own.system) / 1000;
    burstStop.done = true;
    const busyTimes = await burstDashboard;
    const backends = await burstBackends;
    const busyP95 = p95(busyTimes);
    const runs = (await deliveryRuns(sql)) - runsBefore;
    const statementsAfter = await statements.sample();
    const byStatement = statements.perUnit(statementsBefore, statementsAfter, EVENTS * endpoints);
    const busySql = statements.dashboardSql(statementsBefore, statementsAfter, busyTimes.length);
    const rate = (EVENTS * endpoints) / seconds;
    const accepted = EVENTS / ((acceptedAt - b0) / 1000);

    // The engine alone: a backlog already accepted (committed straight to the database, as a
    // burst leaves it when the agent outpaces delivery), drained after one agent event wakes it.
    await db.$transaction(
      async (tx) => {
        for (let i = 0; i < EVENTS; i++)
          await emitEvent(tx, org.id, "lead.created", { ...leadSample, name: `backlog-${endpoints}-${i}` });
      },
      { timeout: 120_000 },
    );
    const backlog = (EVENTS + 1) * endpoints;
    const d0 = performance.now();
    await agentEvent(org.id, `wake-${endpoints}`);
    await waitUntil(() => received >= expected + backlog, 600_000, "the backlog's deliveries");
    const drained = backlog / ((performance.now() - d0) / 1000);
    rows.push(
      [
        `${endpoints} endpoint${endpoints > 1 ? "s" : ""}: ${fmt(rate)} deliveries/s end to end, ceiling ${fmt(ceiling)}/s, ratio ${(rate / ceiling).toFixed(2)} (target ≥ 0.5)`,
        `  (end to end is bounded by agent events accepted × endpoints: ${fmt(accepted * endpoints)}/s = ${((accepted * endpoints) / ceiling).toFixed(2)} of the ceiling)`,
        `  the engine alone, draining ${fmt(backlog)} already accepted: ${fmt(drained)} deliveries/s, ratio ${(drained / ceiling).toFixed(2)} (target ≥ 0.5)`,
        `  Inngest runs per delivery during the burst: ${(runs / (EVENTS * endpoints)).toFixed(3)} (${runs} runs; target ≤ 0.1)`,
        `  CPU per delivery: ${cpu.ms} ms (${cpu.byProcess}); and this benchmark's own process (the agent, the receivers, the dashboard) ${(ownMs / (EVENTS * endpoints)).toFixed(2)} ms, ${Math.round(ownMs / seconds / 10)} % of a core`,
        `  agent events accepted: ${fmt(accepted)}/s during the burst vs ${fmt(idleRate)}/s idle = ${(accepted / idleRate).toFixed(2)} (target ≥ 0.5)`,
        `  dashboard GET /api/v1/deliveries?limit=20 p95: ${busyP95} ms during the burst vs ${idleP95} ms idle = ${(busyP95 / idleP95).toFixed(2)}× (target ≤ 3×)`,
        ...(busySql && idleSql
          ? [
              `  its SQL per request (mean execution): ${busySql} during the burst vs ${idleSql} idle; the rest is Next.js and waiting for a CPU`,
            ]
          : []),
        `  PostgreSQL backends running a statement at once during the burst: mean ${backends.mean.toFixed(1)}, p95 ${backends.p95}`,
        ...byStatement,
      ].join("\n"),
    );
  }

  // Paced at 100 events/s, one endpoint; then the same with another endpoint that hangs.
  const paced = await organization(1);
  const pacedP99 = await pacedRun(paced.id, "paced");
  await createEndpoint(db, paced.id, { url: hanging.url, event_types: ["lead.created"] });
  const isolatedP99 = await pacedRun(paced.id, "isolated");

  async function pacedRun(orgId: string, tag: string): Promise<number> {
    latencies.length = 0;
    const n = Math.min(EVENTS, 500);
    const start = performance.now();
    const inflight: Promise<void>[] = [];
    for (let i = 0; i < n; i++) {
      const wait = start + i * 10 - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      inflight.push(agentEvent(orgId, `${tag}-${i}`));
    }
    await Promise.all(inflight);
    await waitUntil(() => latencies.length >= n, 120_000, "the paced deliveries");
    return percentiles(latencies).p99;
  }

  console.log(`\nbench:delivery: ${EVENTS} agent events per burst over HTTP, ${CONCURRENCY} in flight; npm start's`);
  console.log(`processes (web, ingest, worker, embedded executor) on PostgreSQL; ${cpus().length} cores\n`);
  console.log(rows.join("\n"));
  console.log(`paced 100 events/s: emit → delivered p99 ${pacedP99} ms (target ≤ 250 ms)`);
  console.log(
    `  while another endpoint hangs: healthy p99 ${isolatedP99} ms = ${(isolatedP99 / pacedP99).toFixed(2)}× (target ≤ 2×)`,
  );
  console.log(`machine load (1-min average): ${loadBefore.toFixed(1)} before, ${loadavg()[0].toFixed(1)} after`);

  await product.stop();
  await receiver.close();
  await hanging.close();
  await http.close();
  await sql.end();
  await db.$disconnect();
  await database.drop();
  process.exit(0);
}

/** The ceiling: what a delivery minimally costs here, a signed POST and one INSERT, 50 in flight. */
async function measureCeiling(url: string, sql: pg.Pool): Promise<number> {
  const { sendWebhookRequest } = await import("@/lib/webhooks/send-webhook-request");
  const { buildSignatureHeaders } = await import("@/lib/webhooks/sign-payload");
  const body = JSON.stringify({ event: "lead.created", data: { name: "Ceiling", channel: "phone" } });
  await sql.query("CREATE TABLE IF NOT EXISTS bench_ceiling (id text, status int)");
  const n = Math.max(EVENTS, 2000);
  const t0 = performance.now();
  await closedLoop(n, CEILING_CONCURRENCY, async (i) => {
    const headers = buildSignatureHeaders({
      body,
      webhookId: `ceiling-${i}`,
      timestamp: Math.floor(Date.now() / 1000),
      secrets: { current: "whsec_" + "A".repeat(43) + "=" },
    });
    const r = await sendWebhookRequest({ url, body, headers, allowInsecure: true });
    await sql.query("INSERT INTO bench_ceiling (id, status) VALUES ($1, $2)", [`ceiling-${i}`, r.status ?? 0]);
  });
  return n / ((performance.now() - t0) / 1000);
}

/** Runs of the delivery function the embedded executor has created so far. */
async function deliveryRuns(sql: pg.Pool): Promise<number> {
  const { rows } = await sql.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM executor.runs WHERE fn_id LIKE '%-webhook-deliver'",
  );
  return rows[0].n;
}

/** Backends of this database running a statement (this sampler's own left out), every 20 ms until `stop`. */
async function busyBackends(sql: pg.Pool, stop: { done: boolean }): Promise<{ mean: number; p95: number }> {
  const counts: number[] = [];
  while (!stop.done) {
    const { rows } = await sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity
       WHERE datname = current_database() AND state = 'active' AND pid <> pg_backend_pid()`,
    );
    counts.push(rows[0].n);
    await new Promise((r) => setTimeout(r, 20));
  }
  const sorted = [...counts].sort((a, b) => a - b);
  return {
    mean: counts.reduce((sum, n) => sum + n, 0) / Math.max(1, counts.length),
    p95: sorted[Math.floor(sorted.length * 0.95)] ?? 0,
  };
}

type StatementSample = Map<string, { calls: number; ms: number; rows: number; query: string }>;

/**
 * PostgreSQL's execution time by statement (pg_stat_statements, this database only), sampled
 * before and after a burst: the statements that took the most, per delivery, with their calls and
 * rows per delivery. Execution time is the server's wall time (lock and I/O waits included).
 * Nothing when the server does not load pg_stat_statements.
 */
async function statementTimes(sql: pg.Pool) {
  const available = await sql
    .query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")
    .then(() => sql.query("SELECT 1 FROM pg_stat_statements LIMIT 1"))
    .then(
      () => true,
      () => false,
    );
  return {
    async sample(): Promise<StatementSample> {
      if (!available) return new Map();
      const { rows } = await sql.query<{ id: string; calls: string; ms: number; rows: string; query: string }>(
        `SELECT queryid::text AS id, calls, total_exec_time AS ms, rows, query FROM pg_stat_statements
         WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())`,
      );
      return new Map(
        rows.map((r) => [r.id, { calls: Number(r.calls), ms: r.ms, rows: Number(r.rows), query: r.query }]),
      );
    },
    /**
     * What the dashboard's request spends in SQL, per request: the API key's lookup (Prisma's
     * api_keys and organizations reads) and the delivery log's query. Null without the extension.
     */
    dashboardSql(before: StatementSample, after: StatementSample, requests: number): string | null {
      if (!available || requests === 0) return null;
      const msOf = (match: RegExp) =>
        [...after]
          .filter(([, a]) => match.test(a.query))
          .reduce((sum, [id, a]) => sum + a.ms - (before.get(id)?.ms ?? 0), 0) / requests;
      const auth = msOf(/"public"\."(api_keys|organizations)"/);
      const list = msOf(/FROM webhook_deliveries d JOIN webhook_endpoints e/);
      return `auth ${auth.toFixed(2)} ms + list ${list.toFixed(2)} ms`;
    },
    perUnit(before: StatementSample, after: StatementSample, units: number): string[] {
      if (!available) return ["  (PostgreSQL time by statement: pg_stat_statements is not loaded in this server)"];
      const deltas = [...after].map(([id, a]) => {
        const b = before.get(id) ?? { calls: 0, ms: 0, rows: 0 };
        return {
          ms: (a.ms - b.ms) / units,
          calls: (a.calls - b.calls) / units,
          rows: (a.rows - b.rows) / units,
          query: a.query,
        };
      });
      const total = deltas.reduce((sum, d) => sum + d.ms, 0);
      const top = deltas
        .filter((d) => d.ms >= 0.005)
        .sort((x, y) => y.ms - x.ms)
        .slice(0, 12);
      return [
        `  PostgreSQL execution time per delivery: ${total.toFixed(3)} ms; by statement (ms, calls, rows per delivery):`,
        ...top.map(
          (d) =>
            `    ${d.ms.toFixed(3).padStart(6)}  ${d.calls.toFixed(3).padStart(6)}  ${d.rows.toFixed(2).padStart(5)}  ${d.query.replace(/\s+/g, " ").slice(0, 110)}`,
        ),
      ];
    },
  };
}

function p95(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round((sorted[Math.floor(sorted.length * 0.95)] ?? NaN) * 10) / 10;
}

const fmt = (n: number) => Math.round(n).toLocaleString("en");

void main().catch((error: Error) => {
  console.error(`bench:delivery failed: ${error.stack ?? error.message}`);
  process.exit(1);
});
