import { cpSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/support/database";
import { applyMigrations, PRISMA_MIGRATIONS } from "./apply-migrations";

const migrationCount = () =>
  import("node:fs").then((fs) => fs.readdirSync(PRISMA_MIGRATIONS.dir).filter((n) => /^\d/.test(n)).length);

let db: TestDatabase | undefined;
afterEach(async () => {
  await db?.drop();
  db = undefined;
});

async function recorded(url: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const { rows } = await c.query<{ migration_name: string; checksum: string }>(
    "SELECT migration_name, checksum FROM _prisma_migrations ORDER BY migration_name",
  );
  await c.end();
  return rows;
}

describe("applyMigrations", () => {
  it("applies every migration once and records it as Prisma does", async () => {
    db = await createTestDatabase({ migrate: false });
    const first = await applyMigrations(db.url);
    expect(first).toHaveLength(await migrationCount());
    expect(await applyMigrations(db.url)).toEqual([]);
    const rows = await recorded(db.url);
    expect(rows.map((r) => r.migration_name)).toEqual(first);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.checksum))).toBe(true);
  });

  it("applies each migration exactly once when two processes start at the same time", async () => {
    db = await createTestDatabase({ migrate: false });
    const [a, b] = await Promise.all([applyMigrations(db.url), applyMigrations(db.url)]);
    expect([...a, ...b].sort()).toEqual((await recorded(db.url)).map((r) => r.migration_name));
    expect(a.length + b.length).toBe(await migrationCount());
  });

  it("refuses a migration edited after it was applied, and rolls back a failing one", async () => {
    db = await createTestDatabase({ migrate: false });
    const dir = mkdtempSync(path.join(tmpdir(), "migrations-"));
    cpSync(PRISMA_MIGRATIONS.dir, dir, { recursive: true });
    const set = { ...PRISMA_MIGRATIONS, dir };
    await applyMigrations(db.url, set);
    const [firstName] = (await recorded(db.url)).map((r) => r.migration_name);
    writeFileSync(path.join(dir, firstName, "migration.sql"), "SELECT 1;");
    await expect(applyMigrations(db.url, set)).rejects.toThrow(/edited after it was applied/);

    cpSync(PRISMA_MIGRATIONS.dir, dir, { recursive: true });
    const broken = path.join(dir, "29991231000000_broken");
    cpSync(path.join(dir, firstName), broken, { recursive: true });
    writeFileSync(path.join(broken, "migration.sql"), "CREATE TABLE half_done (id int); SELECT no_such_function();");
    await expect(applyMigrations(db.url, set)).rejects.toThrow(/29991231000000_broken failed/);
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    const { rows } = await c.query("SELECT to_regclass('half_done') AS t");
    await c.end();
    expect(rows[0].t).toBeNull();
  });
});
