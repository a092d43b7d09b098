import { startExecutor, type RunningExecutor } from "@/inngest/executor/executor";
import type { Db } from "@/lib/db/client";
import { createTestDatabase, type TestDatabase } from "./database";
import { freePort } from "./free-port";
import { signedInngestEnv, testInngestKeys } from "./inngest-keys";
import { hostRoute } from "./route-host";
import { createTestOrganization, setWebhookTestEnv } from "./webhook-fixtures";
import { waitForSync } from "./executor-harness";

type Handlers = Parameters<typeof hostRoute>[0];

type DeliveryStackOptions = {
  /** Imports the /api/v1 routes to host (after the environment is set), keyed by their app/ path. */
  routes?: () => Promise<Record<string, Handlers>>;
  /** The app's environment beyond the stack's own (SMTP_URL, APP_URL…); it wins over the stack's. */
  env?: Record<string, string>;
  /** The executor's time scale: at 0.001 the retry schedule's minutes pass in milliseconds. */
  timeScale?: number;
  /** Receives the executor's log lines, which are dropped otherwise. */
  executorLog?: (line: string) => void;
};

/**
 * The app's delivery stack on loopback for an integration test: a throwaway database, the real
 * worker's functions server (inngest/worker/functions-server.ts) driven by the embedded executor
 * in signed mode, and the given /api/v1 routes, called with an API key of an organization the
 * test creates.
 */
export async function startDeliveryStack({
  routes = async () => ({}),
  env = {},
  timeScale = 0.001,
  executorLog = () => undefined,
}: DeliveryStackOptions = {}) {
  const database: TestDatabase = await createTestDatabase();
  const [executorPort, appPort] = [await freePort(), await freePort()];
  const keys = testInngestKeys();
  setWebhookTestEnv({
    DATABASE_URL: database.url,
    ...signedInngestEnv(keys, executorPort, appPort),
    WEBHOOK_TIMEOUT_MS: "1000",
    ...env,
  });
  // Imported after the environment is set: the Inngest client reads INNGEST_* when created.
  const { startFunctionsServer } = await import("@/inngest/worker/functions-server");
  const worker = await startFunctionsServer(appPort);
  const hosts: { close: () => Promise<void> }[] = [worker];
  const executor: RunningExecutor = await startExecutor({
    databaseUrl: database.url,
    appUrl: worker.url,
    port: executorPort,
    ...keys,
    timeScale,
    // PGlite serves every connection from one session, where named prepared statements would collide.
    preparedStatements: !database.embedded,
    log: executorLog,
  });
  await waitForSync(executor.url);
  const api = new Map<string, string>();
  for (const [path, handlers] of Object.entries(await routes())) {
    const host = await hostRoute(handlers, path);
    hosts.push(host);
    api.set(path, host.origin);
  }
  const db: Db = (await import("@/lib/db/client")).getDb();
  const { createApiKey } = await import("@/lib/api-keys/manage-api-keys");

  /** Calls an /api/v1 route this stack hosts with `key`; `route` is its app/ path, `url` the path with ids. */
  async function call(key: string, method: string, route: string, url: string, body?: unknown) {
    const res = await fetch(`${api.get(route)}${url}`, {
      method,
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${key}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return { status: res.status, body: (res.status === 204 ? null : await res.json()) as any };
  }

  /** A new organization and a `manage` API key of it, to call the routes with. */
  async function organization() {
    const { id, name } = await createTestOrganization(db);
    const { key } = await createApiKey(db, id, { name: "test", scope: "manage" });
    return {
      id,
      name,
      call: (method: string, route: string, url: string, body?: unknown) => call(key, method, route, url, body),
    };
  }

  return {
    db,
    /** The keys the executor signs its calls to the worker with. */
    keys,
    /** The worker's origin, for its own routes (/api/inngest, /health, /metrics). */
    workerOrigin: worker.origin,
    call,
    organization,
    async stop() {
      await executor.stop();
      for (const host of hosts) await host.close();
      await db.$disconnect();
      await database.drop();
    },
  };
}
