import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import path from "node:path";
import { Inngest } from "inngest";
import { serve } from "inngest/node";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { waitUntil } from "@/lib/wait-until";
import { TSX_NODE_ARGS } from "@/scripts/lib/tsx-node-args";
import { createTestDatabase, type TestDatabase } from "@/test/support/database";
import { freePort } from "@/test/support/free-port";
import { testInngestKeys } from "@/test/support/inngest-keys";

const ROOT = path.resolve(import.meta.dirname, "../..");
const STEPS = 6;
const executions = new Map<string, number>();
let appCalls = 0;
let database: TestDatabase;
let server: http.Server;
let db: pg.Pool;
let env: NodeJS.ProcessEnv;
let child: ChildProcess | undefined;

function spawnExecutor(): Promise<ChildProcess> {
  // `node --import tsx` rather than the tsx CLI, whose extra wrapper process would survive kill -9.
  const proc = spawn(process.execPath, [...TSX_NODE_ARGS, "inngest/executor/main.ts"], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    proc.stdout?.on("data", (chunk: Buffer) => chunk.toString().includes("executor listening on") && resolve(proc));
    proc.once("exit", (code) => reject(new Error(`executor exited early with ${code}`)));
  });
}

beforeAll(async () => {
  database = await createTestDatabase({ migrate: false });
  const [executorPort, appPort] = [await freePort(), await freePort()];
  const keys = testInngestKeys();
  const client = new Inngest({ id: "crash", isDev: false, baseUrl: `http://127.0.0.1:${executorPort}`, ...keys });
  const fn = client.createFunction({ id: "long", triggers: [{ event: "c/long" }] }, async ({ step }) => {
    for (let i = 1; i <= STEPS; i++) {
      await step.run(`s${i}`, async () => {
        executions.set(`s${i}`, (executions.get(`s${i}`) ?? 0) + 1);
        await new Promise((r) => setTimeout(r, 80));
      });
    }
    return "done";
  });
  const handler = serve({ client, functions: [fn] });
  server = http.createServer((req, res) => {
    if (req.method === "POST") appCalls++;
    return handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(appPort, "127.0.0.1", resolve));
  db = new pg.Pool({ connectionString: database.url, max: 2 });
  env = {
    ...process.env,
    DATABASE_URL: database.url,
    INNGEST_EXECUTOR_PORT: String(executorPort),
    INNGEST_EXECUTOR_APP_URL: `http://127.0.0.1:${appPort}/api/inngest`,
    INNGEST_EXECUTOR_TIME_SCALE: "0.001",
    INNGEST_EXECUTOR_LEASE_MS: "600",
    INNGEST_EVENT_KEY: keys.eventKey,
    INNGEST_SIGNING_KEY: keys.signingKey,
  };
});

afterAll(async () => {
  child?.kill("SIGKILL");
  await db?.end();
  server?.closeAllConnections();
  server?.close();
  await database?.drop();
});

it("continues a run from its last finished (checkpointed) step after kill -9, running no finished step twice", async () => {
  child = await spawnExecutor();
  const events = (await (
    await fetch(`http://127.0.0.1:${env.INNGEST_EXECUTOR_PORT}/e/${env.INNGEST_EVENT_KEY}`, {
      method: "POST",
      body: JSON.stringify({ name: "c/long", data: {} }),
    })
  ).json()) as { ids: string[] };
  expect(events.ids).toHaveLength(1);
  await waitUntil(async () => (executions.get("s3") ?? 0) > 0, 15_000, "step s3 to start");
  child.kill("SIGKILL");
  await new Promise((r) => child?.once("exit", r));
  const { rows } = await db.query<{ name: string }>("SELECT name FROM executor.steps");
  const finishedBeforeCrash = rows.map((r) => r.name);
  expect(finishedBeforeCrash.length).toBeGreaterThanOrEqual(2);
  // All of them were checkpointed from inside the run's one call to the app.
  expect(appCalls).toBe(1);

  child = await spawnExecutor();
  await waitUntil(
    async () => (await db.query("SELECT 1 FROM executor.runs WHERE status = 'completed'")).rowCount === 1,
    15_000,
    "the run to complete after restart",
  );
  child.kill("SIGTERM");
  const run = await db.query<{ output: unknown }>("SELECT output FROM executor.runs");
  expect(run.rows[0].output).toBe("done");
  for (const name of finishedBeforeCrash) expect(executions.get(name)).toBe(1);
  for (let i = 1; i <= STEPS; i++) expect(executions.get(`s${i}`)).toBeGreaterThanOrEqual(1);
}, 40_000);
