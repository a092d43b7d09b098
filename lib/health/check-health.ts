import "server-only";
import type { Db } from "@/lib/db/client";

export type ComponentHealth = { ok: boolean; detail: string };
export type Health = {
  status: "ok" | "unavailable";
  app: ComponentHealth;
  database: ComponentHealth;
  executor: ComponentHealth;
  worker: ComponentHealth;
  ingest: ComponentHealth;
};

/**
 * Ready means: the database answers and is migrated, and the background executor, the worker
 * and the ingest tier this app passes inbound webhooks to answer.
 */
export async function checkHealth(db: Db, env: NodeJS.ProcessEnv = process.env): Promise<Health> {
  const [database, executor, worker, ingest] = await Promise.all([
    checkDatabase(db),
    checkExecutor(env),
    checkWorker(env),
    checkIngest(env),
  ]);
  const ok = database.ok && executor.ok && worker.ok && ingest.ok;
  return {
    status: ok ? "ok" : "unavailable",
    app: { ok: true, detail: "serving" },
    database,
    executor,
    worker,
    ingest,
  };
}

/** A tier's own `GET /health` at `origin`. */
async function checkTier(name: string, origin: string): Promise<ComponentHealth> {
  try {
    const res = await fetch(new URL("/health", origin), { signal: AbortSignal.timeout(2000), cache: "no-store" });
    return res.ok
      ? { ok: true, detail: `${name} at ${origin}` }
      : { ok: false, detail: `${name} at ${origin} answered ${res.status}` };
  } catch {
    return { ok: false, detail: `${name} at ${origin} is not reachable` };
  }
}

/** The ingest tier this app's server passes inbound webhooks to (EMPFIO_INGEST_URL), if any. */
async function checkIngest(env: NodeJS.ProcessEnv): Promise<ComponentHealth> {
  const ingest = env.EMPFIO_INGEST_URL;
  if (ingest && /^https?:\/\//.test(ingest)) return checkTier("ingest tier", ingest);
  return { ok: true, detail: "no ingest tier here: this app serves the inbound webhooks it receives" };
}

/** The worker that serves the functions, when this box knows where it is (EMPFIO_WORKER_URL). */
async function checkWorker(env: NodeJS.ProcessEnv): Promise<ComponentHealth> {
  const worker = env.EMPFIO_WORKER_URL;
  if (worker && /^https?:\/\//.test(worker)) return checkTier("worker", worker);
  if (env.EMPFIO_FUNCTIONS_ROUTE === "1") return { ok: true, detail: "functions served by this app's /api/inngest" };
  return { ok: true, detail: "not checked here: set EMPFIO_WORKER_URL to the worker's origin" };
}

async function checkDatabase(db: Db): Promise<ComponentHealth> {
  try {
    const rows = await db.$queryRaw<
      { n: bigint }[]
    >`SELECT count(*) AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL`;
    const n = Number(rows[0]?.n ?? 0);
    return n > 0
      ? { ok: true, detail: `${n} migrations applied` }
      : { ok: false, detail: "migrations not applied yet" };
  } catch (error) {
    return { ok: false, detail: `database unreachable or not migrated: ${(error as Error).message.split("\n")[0]}` };
  }
}

async function checkExecutor(env: NodeJS.ProcessEnv): Promise<ComponentHealth> {
  const dev = env.EMPFIO_EXECUTOR_URL;
  if (dev && /^https?:\/\//.test(dev)) {
    try {
      const res = await fetch(new URL("/health", dev), { signal: AbortSignal.timeout(2000), cache: "no-store" });
      return res.ok
        ? { ok: true, detail: `embedded executor at ${dev}` }
        : { ok: false, detail: `executor at ${dev} answered ${res.status}` };
    } catch {
      return { ok: false, detail: `executor at ${dev} is not reachable yet` };
    }
  }
  if (env.INNGEST_SIGNING_KEY || env.INNGEST_BASE_URL) {
    return {
      ok: true,
      detail: `Inngest server ${env.INNGEST_BASE_URL ?? "(Inngest Cloud)"}; reachability is checked by Inngest`,
    };
  }
  return {
    ok: false,
    detail:
      "no executor configured: start with `npm start` (embedded executor), or set INNGEST_SIGNING_KEY and INNGEST_EVENT_KEY",
  };
}
