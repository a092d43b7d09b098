import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { applyMigrations } from "@/lib/db/apply-migrations";
import { createTestDatabase, type TestDatabase } from "@/test/support/database";
import { EXECUTOR_MIGRATIONS } from "./executor";
import { claimKeyed } from "./queue";

let database: TestDatabase;
let db: pg.Pool;

beforeAll(async () => {
  database = await createTestDatabase({ migrate: false });
  await applyMigrations(database.url, EXECUTOR_MIGRATIONS);
  db = new pg.Pool({ connectionString: database.url, max: 4 });
  db.on("error", () => undefined);
});

afterAll(async () => {
  await db?.end();
  await database?.drop();
});

it("a keyed claim that waited for another hands out the steps committed meanwhile, such as a lapsed lease's last checkpoint", async (ctx) => {
  // Needs two sessions at once: one holding a transaction open while another claims.
  if (database.embedded) ctx.skip();
  const runId = "run-lapsed";
  await db.query("INSERT INTO executor.runs (id, fn_id, event, events) VALUES ($1, 'app-fn', '{}', '[]')", [runId]);
  await db.query(
    `INSERT INTO executor.queue (run_id, step_id, kind, concurrency_keys, concurrency_limits, available_at, lease_owner, lease_until)
     VALUES ($1, 'step', 'call', '{k}', '{1}', now() - interval '1 minute', 'crashed-owner', now() - interval '1 second')`,
    [runId],
  );
  // Another process's keyed claim holds the lock that serializes them.
  const other = await db.connect();
  try {
    await other.query("BEGIN");
    await other.query("SELECT pg_advisory_xact_lock(7310003)");
    const claiming = claimKeyed(db, "new-owner", 10, 60_000);
    await expect
      .poll(
        async () =>
          (
            await db.query(
              "SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event = 'advisory'",
            )
          ).rowCount,
        { timeout: 10_000 },
      )
      .toBe(1);
    // The previous holder's checkpoint commits while this claim waits.
    await db.query(
      `INSERT INTO executor.steps (run_id, step_id, result) VALUES ($1, 'attempt-1', '{"data": {"done": true}}')`,
      [runId],
    );
    await other.query("COMMIT");
    const [item] = await claiming;
    expect(item).toMatchObject({ run_id: runId, step_id: "step" });
    expect(item.steps).toEqual([["attempt-1", { data: { done: true } }]]);
  } finally {
    other.release();
  }
});
