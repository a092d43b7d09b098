import { hostname } from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import pg from "pg";
import { applyMigrations, type MigrationSet } from "@/lib/db/apply-migrations";
import { POOL_IDLE_TIMEOUT_MS, TCP_KEEPALIVE } from "@/lib/db/pool-settings";
import { createAppClient } from "./app-client";
import { createAppSync } from "./app-sync";
import { withDefaults, type ExecutorOptions } from "./config";
import { fireDueCrons } from "./cron-ticker";
import { createDispatcher } from "./dispatcher";
import { FunctionRegistry } from "./function-registry";
import { createHttpServer } from "./http-server";
import { ulid } from "./ids";
import { createLog } from "./logger";
import { listenForWork } from "./notify-listener";
import { setPreparedStatements } from "./prepared";
import { processItem } from "./process-item";
import { renewLeases } from "./queue";
import { pruneHistory } from "./retention";

export const EXECUTOR_MIGRATIONS: MigrationSet = {
  dir: path.join(import.meta.dirname, "migrations"),
  table: "_executor_migrations",
  lockKey: 7_310_002,
};

export type StartOptions = ExecutorOptions;
export type RunningExecutor = { url: string; stop: () => Promise<void> };

/** Starts the embedded executor: migrations, HTTP endpoints, app sync, claim loop, crons. */
export async function startExecutor(options: StartOptions): Promise<RunningExecutor> {
  const config = withDefaults(options);
  const log = createLog(config.log);
  await applyMigrations(config.databaseUrl, EXECUTOR_MIGRATIONS);
  setPreparedStatements(config.preparedStatements);
  const db = new pg.Pool({
    connectionString: config.databaseUrl,
    max: Math.min(config.workers + 2, 12),
    idleTimeoutMillis: POOL_IDLE_TIMEOUT_MS,
    ...TCP_KEEPALIVE,
  });
  db.on("error", (error) => log(`database connection error: ${error.message}`));
  const registry = new FunctionRegistry();
  await registry.load(db);
  const app = createAppClient(config.workers, config.callTimeoutMs, config.signingKey);
  const sync = createAppSync({ db, registry, app, appUrl: config.appUrl, resyncMs: config.resyncMs, log });
  const owner = `${hostname()}:${process.pid}:${ulid()}`;
  const dispatcher = createDispatcher({
    db,
    owner,
    workers: config.workers,
    leaseMs: config.leaseMs,
    maxPollMs: config.maxPollMs,
    log,
    handle: (item) =>
      processItem({ db, registry, app, appUrl: config.appUrl, sync, owner, timeScale: config.timeScale, log }, item),
  });
  const listener = listenForWork(config.databaseUrl, () => dispatcher.wake(), log);
  sync.start();
  let pruning: Promise<unknown> | null = null;
  const timers = [
    setInterval(
      () => renewLeases(db, owner, config.leaseMs).catch((e: Error) => log(`lease renewal failed: ${e.message}`)),
      config.leaseMs / 3,
    ),
    setInterval(
      () =>
        fireDueCrons(db, registry, log).then(
          (n) => n > 0 && dispatcher.wake(),
          (e: Error) => log(`cron tick failed: ${e.message}`),
        ),
      1_000,
    ),
    setInterval(() => {
      db.query("DELETE FROM executor.dedupe WHERE expires_at < now()").catch(() => undefined);
      // A first pass over a large history can outlast the period: never two at once here.
      pruning ??= pruneHistory(db, config.retentionMs)
        .catch((e: Error) => void log(`pruning history failed: ${e.message}`))
        .finally(() => (pruning = null));
    }, 10 * 60_000),
  ];
  const server = createHttpServer({
    db,
    registry,
    sync,
    eventKey: config.eventKey,
    signingKeys: [config.signingKey, ...(config.signingKeyFallback ? [config.signingKeyFallback] : [])],
    metricsToken: config.metricsToken,
    onQueued: () => dispatcher.wake(),
    log,
    health: () => ({
      status: "ok",
      synced: sync.synced,
      functions: registry.size,
      inflight: dispatcher.inflight,
      appUrl: config.appUrl,
    }),
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, resolve);
  });
  const url = `http://${config.host}:${(server.address() as AddressInfo).port}`;

  let stopping: Promise<void> | null = null;
  return {
    url,
    stop: () =>
      (stopping ??= (async () => {
        timers.forEach(clearInterval);
        sync.stop();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await dispatcher.stop(5_000);
        await listener.stop();
        app.close();
        await db.end();
      })()),
  };
}
