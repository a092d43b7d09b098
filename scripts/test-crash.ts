// npm run test:crash: 1,000 events to 3 endpoints through the production tiers: the web app
// (Next.js build), the ingest tier, the worker that serves the functions, and the embedded
// executor. The first 900 arrive as agent events (new_lead → lead.created) through the ingest
// tier; all four tiers are killed with SIGKILL once a third of the deliveries arrived; the last
// 100 events are emitted while they are down (so only the outbox sweeper can send them); then
// they restart. Passes when every delivery succeeded and the receiver saw every webhook-id;
// duplicates (allowed: at-least-once) are counted and reported. Needs `npm run build`.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { waitUntil } from "@/lib/wait-until";
import { createTestDatabase } from "@/test/support/database";
import { freePort } from "@/test/support/free-port";
import { startReceiver } from "@/test/support/receiver";
import { closedLoop } from "./bench/load";
import { TSX_NODE_ARGS } from "./lib/tsx-node-args";

const EVENTS = Number(process.env.CRASH_EVENTS ?? 1000);
const ENDPOINTS = 3;

async function main() {
  if (!existsSync(".next/BUILD_ID")) throw new Error("run `npm run build` first");
  const database = await createTestDatabase();
  const [appPort, workerPort, executorPort, ingestPort] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  const token = randomBytes(24).toString("base64url");
  const env = {
    ...process.env,
    DATABASE_URL: database.url,
    ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    AUTH_SECRET: randomBytes(32).toString("base64"),
    WEBHOOK_ALLOW_INSECURE_URLS: "1",
    INNGEST_BASE_URL: `http://127.0.0.1:${executorPort}`,
    INNGEST_EVENT_KEY: randomBytes(16).toString("hex"),
    INNGEST_SIGNING_KEY: `signkey-test-${randomBytes(32).toString("hex")}`,
    INNGEST_SERVE_ORIGIN: `http://127.0.0.1:${workerPort}`,
    INNGEST_SERVE_PATH: "/api/inngest",
    INNGEST_EXECUTOR_PORT: String(executorPort),
    INNGEST_EXECUTOR_APP_URL: `http://127.0.0.1:${workerPort}/api/inngest`,
    EMPFIO_WORKER_PORT: String(workerPort),
    EMPFIO_INGEST_PORT: String(ingestPort),
    INTERNAL_AUTH_TOKEN: token,
    INNGEST_EXECUTOR_LOG: "0",
    // Work leased by the killed executor resumes once its lease lapses; short here, 30 s by default.
    INNGEST_EXECUTOR_LEASE_MS: "5000",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  Object.assign(process.env, env);
  // Imported after the environment is set: the Inngest client reads INNGEST_* when created.
  const { getDb } = await import("@/lib/db/client");
  const { withEvents } = await import("@/lib/webhooks/emit-event");
  const { createEndpoint } = await import("@/lib/webhooks/manage-endpoints");
  const { EVENT_CATALOGUE } = await import("@/lib/webhooks/event-catalogue");
  // This script emits as the web app does: its hand-overs start delivery runs at once.
  (await import("@/inngest/install-delivery-runs")).installInngestDeliveryRuns();
  const db = getDb();

  const receiver = await startReceiver(() => ({ delayMs: 2 }));
  const org = await db.organization.create({ data: { name: "Crash Salon", slug: "crash-salon" } });
  for (let i = 0; i < ENDPOINTS; i++)
    await createEndpoint(db, org.id, { url: `${receiver.url}/${i}`, event_types: ["lead.created"] });

  const start = () => ({
    app: spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "--port", String(appPort)], {
      env,
      stdio: "ignore",
    }),
    worker: spawn(process.execPath, [...TSX_NODE_ARGS, "inngest/worker/main.ts"], { env, stdio: "ignore" }),
    executor: spawn(process.execPath, [...TSX_NODE_ARGS, "inngest/executor/main.ts"], { env, stdio: "ignore" }),
    ingest: spawn(process.execPath, [...TSX_NODE_ARGS, "ingest/main.ts"], { env, stdio: "ignore" }),
  });
  const ready = async () => {
    await waitUntil(async () => (await fetch(`http://127.0.0.1:${appPort}/login`)).ok, 60_000, "the app", 200);
    await waitUntil(async () => (await fetch(`http://127.0.0.1:${workerPort}/health`)).ok, 60_000, "the worker", 200);
    await waitUntil(
      async () => (await fetch(`http://127.0.0.1:${ingestPort}/health`)).ok,
      60_000,
      "the ingest tier",
      200,
    );
    await waitUntil(
      async () =>
        ((await (await fetch(`http://127.0.0.1:${executorPort}/health`)).json()) as { synced: boolean }).synced,
      60_000,
      "the executor to sync",
      200,
    );
  };

  let procs = start();
  // Whatever happens below, no child outlives this script.
  process.on("exit", () => Object.values(procs).forEach(kill));
  await ready();
  const t0 = Date.now();
  const emit = (from: number, to: number) =>
    withEvents(db, async (_tx, emitOne) => {
      for (let i = from; i < to; i++)
        await emitOne(org.id, "lead.created", { ...EVENT_CATALOGUE["lead.created"].sample, name: `Lead ${i}` });
    });
  const agentEvent = async (i: number) => {
    const res = await fetch(`http://127.0.0.1:${ingestPort}/api/v1/webhooks/agent-event`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({
        type: "new_lead",
        organization_id: org.id,
        data: { name: `Lead ${i}`, channel: "phone" },
      }),
    });
    if (res.status !== 200) throw new Error(`agent event ${i} answered ${res.status}: ${await res.text()}`);
  };
  const whileDown = Math.floor(EVENTS / 10);
  await closedLoop(EVENTS - whileDown, 8, agentEvent);
  await waitUntil(
    () => receiver.received.length >= (EVENTS * ENDPOINTS) / 3,
    300_000,
    "a third of the deliveries",
    200,
  );
  Object.values(procs).forEach(kill);
  console.log(
    `killed web, ingest, worker and executor (SIGKILL) after ${receiver.received.length} of ${EVENTS * ENDPOINTS} deliveries`,
  );
  await emit(EVENTS - whileDown, EVENTS);
  console.log(`emitted ${whileDown} events while all four were down; restarting`);
  procs = start();
  await ready();

  const expected = EVENTS * ENDPOINTS;
  await waitUntil(
    async () => (await db.webhookDelivery.count({ where: { status: "succeeded" } })) === expected,
    300_000,
    "every delivery to succeed",
    200,
  ).catch(() => undefined);
  const byStatus = await db.webhookDelivery.groupBy({ by: ["status"], _count: true });
  const deliveryIds = new Set((await db.webhookDelivery.findMany({ select: { id: true } })).map((d) => d.id));
  const seen = new Map<string, number>();
  for (const r of receiver.received)
    seen.set(String(r.headers["webhook-id"]), (seen.get(String(r.headers["webhook-id"])) ?? 0) + 1);
  const missing = [...deliveryIds].filter((id) => !seen.has(id)).length;
  const duplicates = [...seen.values()].reduce((n, c) => n + c - 1, 0);
  const events = await db.webhookEvent.count();

  console.log(
    `events ${events}/${EVENTS}; deliveries ${deliveryIds.size}/${expected}; by status ${JSON.stringify(Object.fromEntries(byStatus.map((s) => [s.status, s._count])))}`,
  );
  console.log(
    `receiver: ${seen.size} distinct webhook-ids, ${missing} missing, ${duplicates} duplicates (at-least-once), ${((Date.now() - t0) / 1000).toFixed(1)} s`,
  );
  const ok =
    events === EVENTS &&
    deliveryIds.size === expected &&
    missing === 0 &&
    byStatus.every((s) => s.status === "succeeded");

  Object.values(procs).forEach(kill);
  await receiver.close();
  await db.$disconnect();
  await database.drop();
  console.log(ok ? "crash test passed" : "crash test FAILED");
  process.exit(ok ? 0 : 1);
}

function kill(proc: ChildProcess) {
  proc.kill("SIGKILL");
}

main().catch((error: Error) => {
  console.error(`crash test FAILED: ${error.message}`);
  process.exit(1);
});
