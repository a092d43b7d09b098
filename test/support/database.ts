import { randomBytes } from "node:crypto";
import pg from "pg";
import { applyMigrations } from "@/lib/db/apply-migrations";
import { freePort } from "./free-port";

/**
 * A throwaway database per test file: on the PostgreSQL server at TEST_POSTGRES_URL
 * (default postgres@127.0.0.1:5432) when one answers, else on an in-process PGlite served
 * over the wire protocol, so `npm test` also passes on a laptop with no Postgres.
 */
export type TestDatabase = {
  url: string;
  /** PGlite serves every connection from one session: an open transaction holds up the others. */
  embedded: boolean;
  drop: () => Promise<void>;
};

const SERVER_URL = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const db = (await serverReachable(SERVER_URL)) ? await onServer() : await onPglite();
  if (options.migrate !== false) await applyMigrations(db.url);
  return db;
}

async function onServer(): Promise<TestDatabase> {
  const name = `empfio_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: SERVER_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    embedded: false,
    drop: async () => {
      const c = new pg.Client({ connectionString: SERVER_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

async function onPglite(): Promise<TestDatabase> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { PGLiteSocketServer } = await import("@electric-sql/pglite-socket");
  const db = await PGlite.create("memory://");
  const port = await freePort();
  const server = new PGLiteSocketServer({ db, port, host: "127.0.0.1", maxConnections: 50 });
  await server.start();
  return {
    url: `postgresql://postgres:postgres@127.0.0.1:${port}/postgres`,
    embedded: true,
    drop: async () => {
      await server.stop();
      await db.close();
    },
  };
}

async function serverReachable(url: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
}
