import { afterAll, beforeAll } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { createTestDatabase, type TestDatabase } from "./database";

/**
 * A migrated throwaway database and a client for one test file: created before its tests,
 * dropped after. Read `db` and `url` inside hooks and tests (they exist once beforeAll ran).
 */
export function setUpTestDb(poolSize = 2): { readonly db: Db; readonly url: string } {
  let database: TestDatabase | undefined;
  let db: Db | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
    db = createDb(database.url, poolSize);
  });
  afterAll(async () => {
    await db?.$disconnect();
    await database?.drop();
  });
  return {
    get db() {
      if (!db) throw new Error("setUpTestDb: the database exists only inside hooks and tests");
      return db;
    },
    get url() {
      if (!database) throw new Error("setUpTestDb: the database exists only inside hooks and tests");
      return database.url;
    },
  };
}
