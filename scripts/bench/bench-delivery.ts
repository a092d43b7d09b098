// npm run bench:delivery: events → deliveries to a loopback receiver through the whole pipeline
// (outbox, the real SDK route handler, the embedded executor, fan-out, deliver), beside the
// ceiling measured in the same run: a bare loop of signed POSTs plus one INSERT each at the
// same concurrency. Prints deliveries/s, p50/p99 emit→delivered, the ratio, the p99 at a paced
// 100 events/s, and healthy endpoints' p99 while another endpoint hangs for 10 s.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { createTestDatabase, freePort } from "@/test/helpers/database";
import { hostRoute } from "@/test/helpers/route-host";
import { startReceiver, type Received } from "@/test/helpers/receiver";

const N = Number(process.argv[2] ?? 1000);
const CONCURRENCY = 50;

async function main() {
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
  const route = await import("@/app/api/inngest/route");
  const db = getDb();
  const host = await hostRoute({ GET: route.GET, POST: route.POST, PUT: route.PUT });
  const executor = await startExecutor({ databaseUrl: database.url, appUrl: host.url, port: executorPort, workers: CONCURRENCY, log: false });
  await waitFor(async () => ((await (await fetch(`${executor.url}/health`)).json()) as { synced: boolean }).synced);

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
  await pool(N, CONCURRENCY, async (i) => {
    const headers = buildSignatureHeaders({ body, webhookId: `c-${i}`, timestamp: Math.floor(Date.now() / 1000), secrets: { current: "whsec_" + "A".repeat(43) + "=" } });
    const r = await sendWebhookRequest({ url: receiver.url, body, headers, allowInsecure: true });
    await ceilingDb.query("INSERT INTO rate_limit_counters (key, window_start, count) VALUES ($1, now(), $2)", [`ceiling-${i}`, r.status ?? 0]);
  });
  const ceilingRate = N / ((performance.now() - c0) / 1000);

  // Burst through the pipeline.
  latencies.length = 0;
  const p0 = performance.now();
  await pool(N, CONCURRENCY, (i) => emit(i, "burst"));
  await waitFor(async () => latencies.length >= N, 600_000);
  const rate = N / ((performance.now() - p0) / 1000);
  const burst = summary(latencies);

  // Paced at 100 events/s.
  latencies.length = 0;
  const paced = Math.min(N, 500);
  for (let i = 0; i < paced; i++) {
    void emit(i, "paced");
    await new Promise((r) => setTimeout(r, 10));
  }
  await waitFor(async () => latencies.length >= paced, 600_000);
  const pacedSummary = summary(latencies);

  // The same paced load while a second endpoint, subscribed to every event, hangs for 10 s.
  const hanging = await startReceiver(() => ({ delayMs: 10_000 }));
  await createEndpoint(db, org.id, { url: hanging.url, event_types: ["lead.created"] });
  latencies.length = 0;
  for (let i = 0; i < paced; i++) {
    void emit(i, "isolated");
    await new Promise((r) => setTimeout(r, 10));
  }
  await waitFor(async () => latencies.length >= paced, 600_000);
  const isolated = summary(latencies);

  console.log(`\ndeliveries: ${N}, concurrency ${CONCURRENCY}, one endpoint, real PostgreSQL`);
  console.log(`pipeline  ${rate.toFixed(1)} deliveries/s   p50 ${burst.p50} ms   p99 ${burst.p99} ms (emit → delivered, burst)`);
  console.log(`ceiling   ${ceilingRate.toFixed(1)} deliveries/s   (signed POST + one INSERT, same concurrency)`);
  console.log(`ratio     ${(rate / ceilingRate).toFixed(3)}   (target ≥ 0.5; target ≥ 1,000 deliveries/s)`);
  console.log(`paced 100 events/s: p50 ${pacedSummary.p50} ms   p99 ${pacedSummary.p99} ms (target p99 ≤ 250 ms)`);
  console.log(`with a hanging endpoint: healthy p99 ${isolated.p99} ms = ${(isolated.p99 / pacedSummary.p99).toFixed(2)}× (target ≤ 2×)`);

  await executor.stop();
  await host.close();
  await receiver.close();
  await hanging.close();
  await ceilingDb.end();
  await db.$disconnect();
  await database.drop();
  process.exit(0);
}

async function pool(n: number, concurrency: number, work: (i: number) => Promise<unknown>) {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < n) await work(next++);
  }));
}

function summary(values: number[]) {
  const s = [...values].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor(s.length * p))] ?? NaN;
  return { p50: at(0.5), p99: at(0.99) };
}

async function waitFor(check: () => Promise<boolean>, ms = 60_000) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("timed out");
}

void main();
