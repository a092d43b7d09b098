// `npm run dev` and `npm start`: the whole product from one command. Starts the embedded
// database when DATABASE_URL is unset, applies migrations, seeds "Demo Salon" on an empty
// database, starts the embedded executor when no Inngest server is configured, then Next.js.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { applyMigrations } from "@/lib/db/apply-migrations";
import { createDb } from "@/lib/db/client";
import { loadOrCreateInngestKeys } from "@/lib/config/inngest-keys";
import { loadOrCreateLocalSecrets, missingProductionSecrets } from "@/lib/config/local-secrets";
import { plainHttpWarning } from "@/lib/config/public-url";
import { seedDemoOrganization } from "@/lib/organizations/seed-demo";
import { waitUntil } from "@/lib/wait-until";
import { ChildGroup } from "./lib/children";
import { portIsFree } from "./lib/port-is-free";
import { TSX_NODE_ARGS } from "./lib/tsx-node-args";
import { V8_SERVER_FLAGS } from "./lib/v8-server-flags";

const mode = process.argv[2] === "start" ? "start" : "dev";
const port = Number(process.env.PORT ?? 3000);
const dataDir = path.resolve(process.env.EMPFIO_DATA_DIR ?? ".data");

function fail(message: string): never {
  console.error(`\n✖ ${message}\n`);
  process.exit(1);
}

const children = new ChildGroup((name, code, signal) => {
  console.error(`\n✖ ${name} stopped unexpectedly (${signal ?? `exit code ${code}`}); stopping Empfio.\n`);
  void children.stopAll().then(() => process.exit(1));
});
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    console.log("\nStopping Empfio…");
    void children.stopAll().then(() => process.exit(0));
  });
}

async function main() {
  if (!(await portIsFree(port)))
    fail(`Port ${port} is in use. Is Empfio already running? Stop it, or set PORT to another port.`);
  if (mode === "start" && !existsSync(".next/BUILD_ID")) fail("No production build found. Run `npm run build` first.");

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
  const credentials = await seedOnce(env.DATABASE_URL);

  // Functions are registered at this URL only, never one built from a request's Host header.
  const external = Boolean(env.INNGEST_BASE_URL || env.INNGEST_SIGNING_KEY);
  if (external && !env.INNGEST_SERVE_ORIGIN && mode === "start")
    fail("INNGEST_SERVE_ORIGIN must be set with an Inngest server: the public origin Inngest calls the functions at.");
  env.INNGEST_SERVE_ORIGIN ??= `http://127.0.0.1:${port}`;
  env.INNGEST_SERVE_PATH ??= "/api/inngest";
  if (!external) {
    Object.assign(env, loadOrCreateInngestKeys(dataDir, env));
    env.INNGEST_BASE_URL = await startExecutor(env);
    env.EMPFIO_EXECUTOR_URL = env.INNGEST_BASE_URL;
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
  Sign in as ${credentials ? `${credentials.email}\n  password   ${credentials.password}` : "an existing user (no demo credentials stored)"}
  Database:  ${process.env.DATABASE_URL ? "DATABASE_URL" : `embedded PGlite in ${path.relative(process.cwd(), dataDir)}/pglite`}
  Mail:      ${mailLine(env, url)}
  Executor:  ${external ? "Inngest server from INNGEST_* variables" : `${env.INNGEST_BASE_URL} (embedded, signed)`}
  Press Ctrl-C to stop.
────────────────────────────────────────────────────────`);
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

async function startExecutor(env: NodeJS.ProcessEnv): Promise<string> {
  const executorPort = Number(env.INNGEST_EXECUTOR_PORT ?? 8288);
  if (!(await portIsFree(executorPort)))
    fail(`Port ${executorPort} (the executor's) is in use. Set INNGEST_EXECUTOR_PORT to another port.`);
  const url = `http://127.0.0.1:${executorPort}`;
  children.spawn("executor", process.execPath, [...TSX_NODE_ARGS, "inngest/executor/main.ts"], {
    ...env,
    INNGEST_EXECUTOR_PORT: String(executorPort),
    INNGEST_EXECUTOR_APP_URL: `${env.INNGEST_SERVE_ORIGIN}${env.INNGEST_SERVE_PATH}`,
  });
  await waitUntil(async () => (await fetch(`${url}/health`)).ok, 60_000, "the executor", 250);
  return url;
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
