// `npm run dev` and `npm start`: the whole product from one command. Starts the embedded
// database when DATABASE_URL is unset, applies migrations, seeds "Demo Salon" on an empty
// database (dev only: production's first owner comes from /setup or the admin CLI), then the tiers EMPFIO_ROLES names (default: all): the embedded executor when no
// Inngest server is configured and the worker that serves the functions (both at a lower CPU
// priority), the ingest tier that serves inbound webhooks (production only), and Next.js. See
// docs/deploying-and-scaling.md.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { setPriority } from "node:os";
import path from "node:path";
import pg from "pg";
import { trustedProxyHops } from "@/lib/auth/client-address";
import { applyMigrations } from "@/lib/db/apply-migrations";
import { createDb } from "@/lib/db/client";
import { checkDeliverySettings } from "@/lib/config/check-delivery-settings";
import { loadOrCreateInngestKeys } from "@/lib/config/inngest-keys";
import { loadOrCreateLocalSecrets, missingProductionSecrets } from "@/lib/config/local-secrets";
import { plainHttpWarning } from "@/lib/config/public-url";
import { seedDemoOrganization } from "@/lib/organizations/seed-demo";
import { needsSetup } from "@/lib/organizations/set-up-first-owner";
import { setupToken } from "@/lib/organizations/setup-token";
import { waitUntil } from "@/lib/wait-until";
import { ChildGroup } from "./lib/children";
import { portIsFree } from "./lib/port-is-free";
import { parseRoles, type Role } from "./lib/roles";
import { TSX_NODE_ARGS } from "./lib/tsx-node-args";
import { V8_SERVER_FLAGS } from "./lib/v8-server-flags";

const mode = process.argv[2] === "start" ? "start" : "dev";
const port = Number(process.env.PORT ?? 3000);
const executorPort = Number(process.env.INNGEST_EXECUTOR_PORT ?? 8288);
const workerPort = Number(process.env.EMPFIO_WORKER_PORT ?? executorPort + 1);
const ingestPort = Number(process.env.EMPFIO_INGEST_PORT ?? executorPort + 2);
/** The worker and the executor yield the CPU to the web and ingest tiers: dashboards and inbound webhooks first, deliveries after. */
const BACKGROUND_NICENESS = 10;
/** The ingest tier yields to the dashboard too, but not to the deliveries: a burst is accepted first. */
const INGEST_NICENESS = 5;
const dataDir = path.resolve(process.env.EMPFIO_DATA_DIR ?? ".data");

function fail(message: string): never {
  console.error(`\n✖ ${message}\n`);
  process.exit(1);
}

const children = new ChildGroup((name, code, signal) => {
  console.error(`\n✖ ${name} stopped unexpectedly (${signal ?? `exit code ${code}`}); stopping Empfio.\n`);
  void children.stopAll().then(() => process.exit(1));
});
// Whatever ends this process (a crash included), its children end with it; and a caller that went
// away (a closed terminal or pipe) must not crash it with EPIPE before it has stopped them.
process.on("exit", () => children.signalAll());
for (const stream of [process.stdout, process.stderr]) stream.on("error", () => undefined);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    console.log("\nStopping Empfio…");
    void children.stopAll().then(() => process.exit(0));
  });
}

async function main() {
  const external = Boolean(process.env.INNGEST_BASE_URL || process.env.INNGEST_SIGNING_KEY);
  let roles: Set<Role>;
  try {
    roles = parseRoles(process.env.EMPFIO_ROLES, external, mode);
  } catch (error) {
    fail((error as Error).message);
  }
  const badSetting = checkDeliverySettings();
  if (badSetting) fail(badSetting);
  if (process.env.EMPFIO_ROLES && !process.env.DATABASE_URL)
    fail("EMPFIO_ROLES runs tiers separately: set DATABASE_URL to the PostgreSQL they share.");
  if (roles.has("web") && !(await portIsFree(port)))
    fail(`Port ${port} is in use. Is Empfio already running? Stop it, or set PORT to another port.`);
  if (roles.has("worker") && !(await portIsFree(workerPort)))
    fail(`Port ${workerPort} (the worker's) is in use. Set EMPFIO_WORKER_PORT to another port.`);
  if (roles.has("ingest") && !(await portIsFree(ingestPort)))
    fail(`Port ${ingestPort} (the ingest tier's) is in use. Set EMPFIO_INGEST_PORT to another port.`);
  // The web tier forwarding to it is a proxy it trusts, so only loopback may reach it.
  const ingestHost = process.env.EMPFIO_INGEST_HOST || "127.0.0.1";
  if (roles.has("web") && roles.has("ingest") && ingestHost !== "127.0.0.1")
    fail(
      "EMPFIO_INGEST_HOST: the web tier forwards inbound webhooks to the ingest tier on loopback, so it listens on 127.0.0.1 only. To expose it, run it alone (EMPFIO_ROLES=ingest).",
    );
  if (roles.has("web") && mode === "start" && !existsSync(".next/BUILD_ID"))
    fail("No production build found. Run `npm run build` first.");

  // npm's own npm_* variables are dropped: the Inngest SDK copies and filters the whole
  // environment several times per request, so every variable costs CPU on each call.
  const env: NodeJS.ProcessEnv = { ...withoutNpmVariables(process.env), PORT: String(port) };
  if (mode === "start") {
    const missing = missingProductionSecrets(env);
    if (missing.length) {
      fail(
        `Production needs ${missing.join(" and ")} set explicitly (each 32 random bytes, base64), e.g.\n  export AUTH_SECRET=$(openssl rand -base64 32) ENCRYPTION_KEY=$(openssl rand -base64 32)`,
      );
    }
  } else {
    Object.assign(env, loadOrCreateLocalSecrets(dataDir, env));
    // Development talks to local receivers; the dashboard shows a banner while this is on.
    env.WEBHOOK_ALLOW_INSECURE_URLS ??= "1";
  }
  if (mode === "start" && !env.SMTP_URL)
    console.warn("\n⚠ SMTP_URL is not set: Empfio sends no email; alerts stay in the app (the bell).\n");
  // The SDK's dev mode runs unsigned calls to the functions' endpoint: never in production, and
  // the app's client ignores it anyway (signed mode everywhere, see inngest/client.ts).
  if (env.INNGEST_DEV) {
    if (mode === "start")
      fail(
        "INNGEST_DEV is set. Production never runs Inngest in dev mode (anyone could call the functions unsigned): unset it. Without INNGEST_BASE_URL / INNGEST_SIGNING_KEY the embedded executor runs, signed.",
      );
    console.warn("INNGEST_DEV is ignored: Empfio talks to Inngest in signed mode only.");
    delete env.INNGEST_DEV;
  }
  env.NEXTAUTH_SECRET = env.AUTH_SECRET;
  env.NEXTAUTH_URL ??= env.APP_URL || `http://localhost:${port}`;
  if (mode === "start") console.warn(plainHttpWarning(env) ?? "");

  if (!env.DATABASE_URL) env.DATABASE_URL = await startEmbeddedDatabase(env);
  const applied = await applyMigrations(env.DATABASE_URL);
  if (applied.length) console.log(`Applied migrations: ${applied.join(", ")}`);
  const credentials = roles.has("web") && mode === "dev" ? await seedOnce(env.DATABASE_URL) : null;

  // The embedded executor's keys, for the executor and for the tiers that talk to it.
  if (!external || roles.has("executor")) {
    Object.assign(env, loadOrCreateInngestKeys(dataDir, env));
    env.INNGEST_BASE_URL ??= `http://127.0.0.1:${executorPort}`;
    env.EMPFIO_EXECUTOR_URL ??= env.INNGEST_BASE_URL;
  }
  // Functions are registered at this URL only, never one built from a request's Host header.
  if (external && !env.INNGEST_SERVE_ORIGIN && roles.has("worker") && mode === "start")
    fail("INNGEST_SERVE_ORIGIN must be set with an Inngest server: the origin at which Inngest reaches the worker.");
  env.INNGEST_SERVE_ORIGIN ??= `http://127.0.0.1:${workerPort}`;
  env.INNGEST_SERVE_PATH ??= "/api/inngest";
  if (roles.has("worker")) env.EMPFIO_WORKER_URL ??= `http://127.0.0.1:${workerPort}`;

  if (roles.has("executor")) await startExecutor(env);
  if (roles.has("worker")) await startWorker(env);
  // `next dev` has no server of ours in front of it to forward webhooks: it serves them itself.
  if (roles.has("ingest")) await startIngest(env, ingestHost, roles.has("web") && mode === "start");
  if (!roles.has("web")) {
    console.log(`\nEmpfio ${[...roles].join(" + ")} ready. Press Ctrl-C to stop.`);
    return;
  }
  const nextBin = path.join("node_modules", "next", "dist", "bin", "next");
  // Production only: `next dev` hands its flags to a child through NODE_OPTIONS, which refuses V8 flags.
  const nodeFlags = mode === "start" ? V8_SERVER_FLAGS : [];
  // Production runs Next.js in scripts/next-server.mjs, which tells the app each request's peer address.
  const nextArgs = mode === "start" ? ["scripts/next-server.mjs"] : [nextBin, "dev", "--port", String(port)];
  children.spawn("next", process.execPath, [...nodeFlags, ...nextArgs], env);
  const url = `http://localhost:${port}`;
  await waitUntil(async () => (await fetch(`${url}/api/health`)).ok, 180_000, "the app", 250).catch((e: Error) =>
    fail(e.message),
  );

  console.log(`
────────────────────────────────────────────────────────
  Empfio is ready: ${url}
  ${await signInLine(env, credentials, url)}
  Database:  ${process.env.DATABASE_URL ? "DATABASE_URL" : `embedded PGlite in ${path.relative(process.cwd(), dataDir)}/pglite`}
  Mail:      ${mailLine(env, url)}
  Worker:    ${roles.has("worker") ? `${env.INNGEST_SERVE_ORIGIN}${env.INNGEST_SERVE_PATH}` : "not run here (EMPFIO_ROLES)"}
  Ingest:    ${env.EMPFIO_INGEST_URL ? `${env.EMPFIO_INGEST_URL} (inbound webhooks)` : "none: Next.js serves the inbound webhooks"}
  Executor:  ${roles.has("executor") ? `${env.INNGEST_BASE_URL} (embedded, signed)` : `${env.INNGEST_BASE_URL ?? "Inngest Cloud"}`}
  Press Ctrl-C to stop.
────────────────────────────────────────────────────────`);
}

async function signInLine(
  env: NodeJS.ProcessEnv,
  credentials: { email: string; password: string } | null,
  url: string,
): Promise<string> {
  if (credentials) return `Sign in as ${credentials.email}\n  password   ${credentials.password}`;
  const db = createDb(env.DATABASE_URL!, 1);
  try {
    if (!(await needsSetup(db))) return "Sign in as an existing user";
  } finally {
    await db.$disconnect();
  }
  return `No users yet: create the first owner at ${url}/setup?token=${setupToken(env.AUTH_SECRET)}\n             or with \`npm run admin -- create-org\` (docs/deploying-and-scaling.md)`;
}

function mailLine(env: NodeJS.ProcessEnv, url: string): string {
  if (env.SMTP_URL) return `SMTP_URL, from ${env.EMAIL_FROM || "the default EMAIL_FROM"}`;
  if (mode === "start") return "not sent (SMTP_URL unset)";
  return `kept in ${path.relative(process.cwd(), path.join(dataDir, "mailbox"))}/, read at ${url}/dev/mailbox`;
}

function withoutNpmVariables(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !name.startsWith("npm_"))) as NodeJS.ProcessEnv;
}

async function startEmbeddedDatabase(env: NodeJS.ProcessEnv): Promise<string> {
  const dbPort = Number(env.EMBEDDED_DB_PORT ?? 5488);
  const url = `postgresql://postgres:postgres@127.0.0.1:${dbPort}/postgres`;
  children.spawn("database", process.execPath, [...TSX_NODE_ARGS, "scripts/embedded-db.ts"], {
    ...env,
    EMBEDDED_DB_DIR: path.join(dataDir, "pglite"),
    EMBEDDED_DB_PORT: String(dbPort),
  });
  await waitUntil(() => canConnect(url), 60_000, "the embedded database", 250);
  // One PGlite session serves every connection, so connections' prepared statements would collide.
  env.INNGEST_EXECUTOR_PREPARED_STATEMENTS = "0";
  return url;
}

async function startExecutor(env: NodeJS.ProcessEnv): Promise<void> {
  if (!(await portIsFree(executorPort)))
    fail(`Port ${executorPort} (the executor's) is in use. Set INNGEST_EXECUTOR_PORT to another port.`);
  const url = `http://127.0.0.1:${executorPort}`;
  const executor = children.spawn("executor", process.execPath, [...TSX_NODE_ARGS, "inngest/executor/main.ts"], {
    ...env,
    INNGEST_EXECUTOR_PORT: String(executorPort),
    INNGEST_EXECUTOR_APP_URL: `${env.INNGEST_SERVE_ORIGIN}${env.INNGEST_SERVE_PATH}`,
  });
  lowerPriority(executor.pid);
  await waitUntil(async () => (await fetch(`${url}/health`)).ok, 60_000, "the executor", 250);
}

/** The functions' worker (inngest/worker/main.ts), niced below the web tier. */
async function startWorker(env: NodeJS.ProcessEnv): Promise<void> {
  const worker = children.spawn("worker", process.execPath, [...TSX_NODE_ARGS, "inngest/worker/main.ts"], {
    ...env,
    EMPFIO_WORKER_PORT: String(workerPort),
  });
  lowerPriority(worker.pid);
  await waitUntil(async () => (await fetch(`${env.EMPFIO_WORKER_URL}/health`)).ok, 60_000, "the worker", 250);
}

function lowerPriority(pid: number | undefined, niceness = BACKGROUND_NICENESS): void {
  try {
    if (pid) setPriority(pid, niceness);
  } catch {
    // Not permitted on this platform: the tier runs at normal priority.
  }
}

/**
 * The ingest tier (ingest/main.ts): the inbound webhooks in a process of their own. With the
 * web tier beside it, production's web server forwards them to it (EMPFIO_INGEST_URL), and it
 * counts that server as one more trusted proxy in front of it.
 */
async function startIngest(env: NodeJS.ProcessEnv, host: string, behindWeb: boolean): Promise<void> {
  const url = `http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${ingestPort}`;
  const ingest = children.spawn("ingest", process.execPath, [...V8_SERVER_FLAGS, ...TSX_NODE_ARGS, "ingest/main.ts"], {
    ...env,
    EMPFIO_INGEST_PORT: String(ingestPort),
    EMPFIO_INGEST_HOST: host,
    ...(behindWeb && { TRUSTED_PROXY_HOPS: String(trustedProxyHops(env) + 1) }),
  });
  lowerPriority(ingest.pid, INGEST_NICENESS);
  await waitUntil(async () => (await fetch(`${url}/health`)).ok, 60_000, "the ingest tier", 250);
  if (behindWeb) env.EMPFIO_INGEST_URL = url;
}

async function seedOnce(databaseUrl: string) {
  const file = path.join(dataDir, "demo-owner.json");
  const db = createDb(databaseUrl, 1);
  try {
    const created = await seedDemoOrganization(db);
    if (created) {
      mkdirSync(dataDir, { recursive: true });
      writeFileSync(file, JSON.stringify(created, null, 2), { mode: 0o600 });
      return created;
    }
    return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as { email: string; password: string }) : null;
  } finally {
    await db.$disconnect();
  }
}

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } finally {
    await client.end().catch(() => undefined);
  }
}

main().catch(async (error: Error) => {
  console.error(`\n✖ ${error.message}\n`);
  await children.stopAll();
  process.exit(1);
});
