import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";

export type MigrationSet = {
  /** Folder holding `<timestamp>_<name>/migration.sql`, as Prisma lays them out. */
  dir: string;
  /** Where applied migrations are recorded; Prisma's own table for prisma/migrations. */
  table: string;
  /** Distinct per set, so two sets never wait on each other's lock. */
  lockKey: number;
};

export const PRISMA_MIGRATIONS: MigrationSet = {
  dir: path.join(process.cwd(), "prisma", "migrations"),
  table: "_prisma_migrations",
  lockKey: 7_310_001,
};

/**
 * Applies pending migrations in name order, each in its own transaction, under an advisory
 * lock so two processes starting at once apply each migration exactly once. The record table
 * has Prisma's columns and checksum (sha256 of the file), so `prisma migrate deploy` on a
 * connected machine accepts a database migrated here. Returns the names applied now.
 */
export async function applyMigrations(databaseUrl: string, set: MigrationSet = PRISMA_MIGRATIONS): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [set.lockKey]);
    try {
      return await applyPending(client, set);
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [set.lockKey]);
    }
  } finally {
    await client.end();
  }
}

async function applyPending(client: pg.Client, set: MigrationSet): Promise<string[]> {
  const table = quoteIdent(set.table);
  await client.query(`CREATE TABLE IF NOT EXISTS ${table} (
    id VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum VARCHAR(64) NOT NULL,
    finished_at TIMESTAMPTZ,
    migration_name VARCHAR(255) NOT NULL,
    logs TEXT,
    rolled_back_at TIMESTAMPTZ,
    started_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count INTEGER NOT NULL DEFAULT 0
  )`);
  const { rows } = await client.query<{ migration_name: string; checksum: string }>(
    `SELECT migration_name, checksum FROM ${table} WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
  );
  const applied = new Map(rows.map((r) => [r.migration_name, r.checksum]));
  const names = (await readdir(set.dir, { withFileTypes: true }))
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const done: string[] = [];
  for (const name of names) {
    const sql = await readFile(path.join(set.dir, name, "migration.sql"), "utf8");
    const checksum = createHash("sha256").update(sql).digest("hex");
    const previous = applied.get(name);
    if (previous !== undefined) {
      if (previous !== checksum) {
        throw new Error(
          `migration ${name} was edited after it was applied (checksum differs); add a new migration instead`,
        );
      }
      continue;
    }
    await client.query("BEGIN");
    try {
      await client.query(sql);
      await client.query(
        `INSERT INTO ${table} (id, checksum, finished_at, migration_name, applied_steps_count) VALUES ($1, $2, now(), $3, 1)`,
        [randomUUID(), checksum, name],
      );
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK");
      throw new Error(`migration ${name} failed: ${(error as Error).message}`);
    }
    done.push(name);
  }
  return done;
}

function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_.]*$/i.test(name)) throw new Error(`bad identifier ${name}`);
  return name
    .split(".")
    .map((p) => `"${p}"`)
    .join(".");
}
