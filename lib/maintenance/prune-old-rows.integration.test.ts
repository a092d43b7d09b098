import { beforeAll, describe, expect, it } from "vitest";
import { createDb } from "@/lib/db/client";
import { waitUntil } from "@/lib/wait-until";
import { createTestOrganization } from "@/test/support/webhook-fixtures";
import { setUpTestDb } from "@/test/support/test-db";
import { pruneOldRows } from "./prune-old-rows";

const t = setUpTestDb(4);
let org: string;
let endpoint: string;

/** `count` events `ageDays` old, each with one delivery in `status` and `attempts` attempts. */
async function deliveries(prefix: string, count: number, ageDays: number, status: string, attempts: number) {
  await t.db.$executeRawUnsafe(
    `WITH ev AS (
       INSERT INTO webhook_events (id, organization_id, type, payload, occurred_at, created_at)
       SELECT gen_random_uuid(), $1::uuid, '${prefix}', repeat('x', 200), now(), now() - make_interval(days => $3::int)
       FROM generate_series(1, $4::int) RETURNING id, created_at
     ), d AS (
       INSERT INTO webhook_deliveries (id, organization_id, event_id, endpoint_id, event_type, status, attempt_count, created_at, updated_at)
       SELECT gen_random_uuid(), $1::uuid, ev.id, $2::uuid, '${prefix}', '${status}', $5::int, ev.created_at, ev.created_at FROM ev
       RETURNING id, created_at
     )
     INSERT INTO webhook_delivery_attempts (id, delivery_id, attempt_number, trigger, started_at, duration_ms, url, request_headers, request_body, succeeded)
     SELECT gen_random_uuid(), d.id, n, 'scheduled', d.created_at, 5, 'https://r.example', '{}', repeat('x', 200), false
     FROM d, generate_series(1, $5::int) n`,
    org,
    endpoint,
    ageDays,
    count,
    attempts,
  );
}

async function countsByType() {
  const rows = await t.db.$queryRaw<{ type: string; events: number; deliveries: number; attempts: number }[]>`
    SELECT e.type, count(DISTINCT e.id)::int AS events, count(DISTINCT d.id)::int AS deliveries, count(a.id)::int AS attempts
    FROM webhook_events e LEFT JOIN webhook_deliveries d ON d.event_id = e.id
    LEFT JOIN webhook_delivery_attempts a ON a.delivery_id = d.id GROUP BY e.type ORDER BY e.type`;
  return Object.fromEntries(rows.map(({ type, ...counts }) => [type, counts]));
}

beforeAll(async () => {
  org = (await createTestOrganization(t.db)).id;
  [{ id: endpoint }] = await t.db.$queryRaw<{ id: string }[]>`
    INSERT INTO webhook_endpoints (id, organization_id, url, event_types, secret_encrypted, updated_at)
    VALUES (gen_random_uuid(), ${org}::uuid, 'https://r.example', '{}', 'sealed', now()) RETURNING id::text`;
});

describe("pruneOldRows", () => {
  it("deletes what is older than the window, in batches and FK-safe, and keeps newer rows and pending deliveries", async () => {
    await deliveries("old.succeeded", 1_200, 31, "succeeded", 2);
    await deliveries("old.failed", 300, 45, "failed", 4);
    await deliveries("old.pending", 3, 40, "pending", 1);
    await deliveries("new.succeeded", 50, 29, "succeeded", 1);
    await deliveries("new.pending", 5, 0, "pending", 0);
    // A sample event aimed at an endpoint that was deleted since: no deliveries left, still pruned.
    await t.db.$executeRaw`INSERT INTO webhook_events (id, organization_id, type, payload, occurred_at, created_at)
      VALUES (gen_random_uuid(), ${org}::uuid, 'old.orphan', '{}', now(), now() - interval '60 days')`;
    await t.db
      .$executeRaw`INSERT INTO inbound_requests (organization_id, source, received_at, verification, outcome, http_status, duration_ms)
      SELECT ${org}::uuid, 'agent', now() - make_interval(days => d, hours => 12), 'verified', 'processed', 200, 3
      FROM generate_series(25, 34) d, generate_series(1, 500)`;
    await t.db
      .$executeRaw`INSERT INTO notifications (id, organization_id, endpoint_id, level, episode, title, body, link, created_at)
      SELECT gen_random_uuid(), ${org}::uuid, ${endpoint}::uuid, 'exhausted', d, 'Delivery failed', '…', '/settings', now() - make_interval(days => d, hours => 12)
      FROM generate_series(29, 31) d`;
    await t.db.$executeRaw`INSERT INTO login_attempts (email, ip, succeeded, attempted_at)
      SELECT 'kim@hair.example', '10.0.0.1', false, now() - make_interval(days => d, hours => 12)
      FROM generate_series(28, 33) d`;
    // An old event replayed yesterday: its first delivery goes, the event stays with the replay.
    await deliveries("old.replayed", 1, 40, "succeeded", 0);
    await t.db
      .$executeRaw`INSERT INTO webhook_deliveries (id, organization_id, event_id, endpoint_id, event_type, status, is_replay, created_at, updated_at)
      SELECT gen_random_uuid(), ${org}::uuid, id, ${endpoint}::uuid, type, 'succeeded', true, now() - interval '1 day', now()
      FROM webhook_events WHERE type = 'old.replayed'`;
    // Bulk retries: finished 31 and 29 days ago, and one started 40 days ago still running.
    await t.db
      .$executeRaw`INSERT INTO jobs (id, organization_id, kind, filters, total, status, created_at, updated_at, completed_at)
      VALUES (gen_random_uuid(), ${org}::uuid, 'bulk_retry', '{}', 1, 'succeeded', now() - interval '31 days', now(), now() - interval '31 days'),
             (gen_random_uuid(), ${org}::uuid, 'bulk_retry', '{}', 1, 'failed', now() - interval '29 days', now(), now() - interval '29 days'),
             (gen_random_uuid(), ${org}::uuid, 'bulk_retry', '{}', 1, 'running', now() - interval '40 days', now(), NULL)`;

    const { pruned, done } = await pruneOldRows(t.db, { days: 30 });

    expect(done).toBe(true);
    expect(pruned).toEqual({
      deliveries: 1_501,
      attempts: 1_200 * 2 + 300 * 4,
      events: 1_501,
      inboundRequests: 5 * 500,
      loginAttempts: 4,
      notifications: 2,
      jobs: 1,
    });
    expect(await countsByType()).toEqual({
      "old.pending": { events: 3, deliveries: 3, attempts: 3 },
      "old.replayed": { events: 1, deliveries: 1, attempts: 0 },
      "new.succeeded": { events: 50, deliveries: 50, attempts: 50 },
      "new.pending": { events: 5, deliveries: 5, attempts: 0 },
    });
    const oldest = await t.db.$queryRaw<{ inbound: number; logins: number }[]>`
      SELECT (SELECT max(now() - received_at) < interval '30 days' FROM inbound_requests)::int AS inbound,
             (SELECT max(now() - attempted_at) < interval '30 days' FROM login_attempts)::int AS logins`;
    expect(oldest).toEqual([{ inbound: 1, logins: 1 }]);
    expect(await t.db.inboundRequest.count()).toBe(5 * 500);
    expect(await t.db.loginAttempt.count()).toBe(2);
    expect(await t.db.notification.count()).toBe(1);
    expect((await t.db.job.findMany({ orderBy: { createdAt: "asc" } })).map((j) => j.status)).toEqual([
      "running",
      "failed",
    ]);
  });

  it("stops at its time budget and says more is left", async () => {
    await deliveries("old.again", 600, 31, "succeeded", 1);
    const first = await pruneOldRows(t.db, { days: 30, budgetMs: 0 });
    expect(first).toEqual({
      done: false,
      pruned: {
        deliveries: 0,
        attempts: 0,
        events: 0,
        inboundRequests: 0,
        loginAttempts: 0,
        notifications: 0,
        jobs: 0,
      },
    });
    expect((await pruneOldRows(t.db, { days: 30 })).pruned).toMatchObject({ deliveries: 600, events: 600 });
  });
});

describe("pruning events after a large delivery prune", () => {
  it("looks each old event's deliveries up by index, however stale the statistics", async () => {
    await deliveries("bulk.old", 10_000, 40, "succeeded", 0);
    await deliveries("bulk.new", 10_000, 1, "succeeded", 0);
    await t.db.$executeRawUnsafe("ALTER TABLE webhook_deliveries SET (autovacuum_enabled = false)");
    await t.db.$executeRawUnsafe("ANALYZE webhook_deliveries");
    // Half the deliveries gone, and the planner still counting them.
    await t.db.$executeRaw`DELETE FROM webhook_deliveries WHERE event_type = 'bulk.old'`;
    const scans = async () =>
      (
        await t.db.$queryRaw<{ read: number; idx: number }[]>`
          SELECT seq_tup_read::int AS read, idx_scan::int AS idx FROM pg_stat_user_tables WHERE relname = 'webhook_deliveries'`
      )[0];
    // The setup's own scans (the DELETE read every delivery) must be counted before the pruning's
    // are measured. A backend publishes its counts when it exits, or idle up to 10 s later.
    await t.db.$disconnect();
    let before = await scans();
    await waitUntil(
      async () => {
        await new Promise((resolve) => setTimeout(resolve, 300));
        const now = await scans();
        const settled = now.read === before.read;
        before = now;
        return settled;
      },
      10_000,
      "the setup's scans to be counted",
    );
    // Its own connections, closed after: a backend's scan counts are published when it exits.
    const db = createDb(t.url, 1);
    const { pruned } = await pruneOldRows(db, { days: 30 });
    await db.$disconnect();
    expect(pruned.events).toBe(10_000);
    await waitUntil(async () => (await scans()).idx > before.idx, 10_000, "the pruning's scans to be counted");
    // Not one read of the 10,000 deliveries left (an anti-join hashing them read them every batch).
    expect((await scans()).read - before.read).toBeLessThan(10_000);
  });
});
