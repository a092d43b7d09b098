import http from "node:http";
import { Inngest, type InngestFunction } from "inngest";
import { serve } from "inngest/node";
import pg from "pg";
import { startExecutor, type RunningExecutor } from "@/inngest/executor/executor";
import { waitUntil } from "@/lib/wait-until";
import { createTestDatabase, type TestDatabase } from "./database";
import { freePort } from "./free-port";
import { testInngestKeys } from "./inngest-keys";

type AnyFunction = InngestFunction.Any;
export type RunRow = { id: string; fn_id: string; status: string; output: unknown; error: { message?: string } | null };

/**
 * A real SDK app (served by `inngest/node` on loopback) driven by a real executor on a
 * throwaway database, in the SDK's signed mode. `define` receives the client, already pointed at
 * the executor.
 */
export async function startHarness(
  define: (client: Inngest) => AnyFunction[],
  options: { timeScale?: number; workers?: number; metricsToken?: string } = {},
) {
  const database: TestDatabase = await createTestDatabase({ migrate: false });
  const [executorPort, appPort] = [await freePort(), await freePort()];
  const keys = testInngestKeys();
  const client = new Inngest({ id: "conf", isDev: false, baseUrl: `http://127.0.0.1:${executorPort}`, ...keys });
  const handler = serve({ client, functions: define(client) });
  // Calls the executor made to the app, per function id (fnId query parameter).
  const appCalls = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const fnId = new URL(req.url ?? "/", "http://app").searchParams.get("fnId");
    if (req.method === "POST" && fnId) appCalls.set(fnId, (appCalls.get(fnId) ?? 0) + 1);
    return handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(appPort, "127.0.0.1", resolve));
  const logs: string[] = [];
  const executor: RunningExecutor = await startExecutor({
    databaseUrl: database.url,
    appUrl: `http://127.0.0.1:${appPort}/api/inngest`,
    port: executorPort,
    ...keys,
    timeScale: options.timeScale ?? 0.001,
    workers: options.workers ?? 16,
    metricsToken: options.metricsToken,
    // PGlite serves every connection from one session, where named prepared statements would collide.
    preparedStatements: !database.embedded,
    log: (line) => logs.push(line),
  });
  const db = new pg.Pool({ connectionString: database.url, max: 2 });
  // Teardown drops the database WITH (FORCE); a connection terminated while the pool closes must not
  // surface as an uncaught error in whichever test file is running.
  db.on("error", () => undefined);
  await waitUntil(
    async () => ((await (await fetch(`${executor.url}/health`)).json()) as { synced: boolean }).synced,
    10_000,
    "sync",
  );

  return {
    client,
    keys,
    executor,
    logs,
    db,
    appCalls: (fnId: string) => appCalls.get(`conf-${fnId}`) ?? 0,
    async runs(fnId: string): Promise<RunRow[]> {
      const { rows } = await db.query<RunRow>(
        "SELECT id, fn_id, status, output, error FROM executor.runs WHERE fn_id = $1 ORDER BY created_at, id",
        [`conf-${fnId}`],
      );
      return rows;
    },
    /** Waits until `fnId` has `count` runs that all ended, and returns them. */
    async finished(fnId: string, count = 1, timeoutMs = 10_000): Promise<RunRow[]> {
      let rows: RunRow[] = [];
      await waitUntil(
        async () => {
          rows = await this.runs(fnId);
          return rows.length >= count && rows.every((r) => r.status !== "running");
        },
        timeoutMs,
        `${count} finished run(s) of ${fnId}`,
      );
      return rows;
    },
    async stop(): Promise<void> {
      await executor.stop();
      await db.end();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await database.drop();
    },
  };
}

/** Waits until the executor has taken the app's registration, so events sent next find their functions. */
export function waitForSync(executorUrl: string) {
  return waitUntil(
    async () => ((await (await fetch(`${executorUrl}/health`)).json()) as { synced: boolean }).synced,
    10_000,
    "the executor's sync",
  );
}
