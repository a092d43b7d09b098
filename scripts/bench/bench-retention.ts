// npm run bench:retention: seeds BENCH_DELIVERIES (1,000,000) deliveries spread over 90 days, each
// with its event and one attempt, in a throwaway database; prints the database's size with every
// row kept, then prunes to RETENTION_DAYS (30) with pruneOldRows while delivery writes go on (the
// emit and the attempt's record, as the engine makes them) and state updates hit the old
// deliveries the pruning is about to delete (a retry of an old one, say: the only writes that can
// wait on its row locks), printing how long both took, how many of those updates waited more than
// 100 ms for a lock, the longest lock waits seen, and the size after pruning.
import { performance } from "node:perf_hooks";
import { loadavg } from "node:os";
import pg from "pg";
import { createDb } from "@/lib/db/client";
import { pruneOldRows } from "@/lib/maintenance/prune-old-rows";
import { decideAttempt } from "@/lib/webhooks/delivery-decision";
import { emitEvent } from "@/lib/webhooks/emit-event";
import { EVENT_CATALOGUE } from "@/lib/webhooks/event-catalogue";
import { recordAttempts } from "@/lib/webhooks/record-attempts";
import { createTestDatabase } from "@/test/support/database";

const TOTAL = Number(process.env.BENCH_DELIVERIES ?? 1_000_000);
const DAYS = 90;
const KEEP_DAYS = 30;

async function main() {
  console.log(
    `load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );
  const database = await createTestDatabase();
  const db = createDb(database.url, 4);
  const admin = new pg.Client({ connectionString: database.url });
  await admin.connect();
  const size = async () => {
    const { rows } = await admin.query<{ mb: number }>("SELECT pg_database_size(current_database()) / 1048576.0 AS mb");
    return `${Number(rows[0].mb).toFixed(0)} MB`;
  };
  try {
    const seedStart = performance.now();
    const [{ id: orgId }] = await db.$queryRaw<{ id: string }[]>`
      INSERT INTO organizations (id, name, slug, updated_at) VALUES (gen_random_uuid(), 'Bench Salon', 'bench-salon', now()) RETURNING id`;
    const [{ id: endpointId }] = await db.$queryRaw<{ id: string }[]>`
      INSERT INTO webhook_endpoints (id, organization_id, url, event_types, secret_encrypted, updated_at)
      VALUES (gen_random_uuid(), ${orgId}::uuid, 'https://hooks.example.com/empfio', ARRAY['lead.created'], 'sealed', now()) RETURNING id::text`;
    // A lead.created envelope (~400 bytes), its delivery and one attempt with the body, headers
    // and a short response, as recorded for a real 200.
    const payload = JSON.stringify({
      event: "lead.created",
      timestamp: new Date().toISOString(),
      organization_id: orgId,
      data: EVENT_CATALOGUE["lead.created"].sample,
    });
    const headers = JSON.stringify({
      "content-type": "application/json",
      "user-agent": "Empfio-Webhooks/1.0",
      "x-empfio-event": "lead.created",
      "x-empfio-signature": "sha256=" + "a".repeat(64),
      "webhook-id": "00000000-0000-0000-0000-000000000000",
      "webhook-timestamp": "1700000000",
      "webhook-signature": "v1," + "b".repeat(44),
    });
    for (let done = 0; done < TOTAL; done += 100_000) {
      const n = Math.min(100_000, TOTAL - done);
      await db.$executeRawUnsafe(
        `WITH ev AS (
           INSERT INTO webhook_events (id, organization_id, type, payload, occurred_at, created_at)
           SELECT gen_random_uuid(), $1::uuid, 'lead.created', $3, t, t
           FROM (SELECT now() - make_interval(secs => (g + $5::int) * ${(DAYS * 86_400) / TOTAL}) AS t FROM generate_series(1, $6::int) g) s
           RETURNING id, created_at
         ), d AS (
           INSERT INTO webhook_deliveries (id, organization_id, event_id, endpoint_id, event_type, status, attempt_count, last_status_code, created_at, updated_at, completed_at)
           SELECT gen_random_uuid(), $1::uuid, ev.id, $2::uuid, 'lead.created', 'succeeded', 1, 200, ev.created_at, ev.created_at, ev.created_at FROM ev
           RETURNING id, created_at
         )
         INSERT INTO webhook_delivery_attempts (id, delivery_id, attempt_number, trigger, started_at, duration_ms, url, request_headers, request_body, succeeded, response_status, response_headers, response_body)
         SELECT gen_random_uuid(), d.id, 1, 'scheduled', d.created_at, 120, 'https://hooks.example.com/empfio', $4::jsonb, $3, true, 200, '{"content-type":"application/json"}', '{"ok":true}'
         FROM d`,
        orgId,
        endpointId,
        payload,
        headers,
        done,
        n,
      );
    }
    await admin.query("VACUUM ANALYZE");
    console.log(
      `seeded ${TOTAL} deliveries over ${DAYS} days in ${((performance.now() - seedStart) / 1000).toFixed(0)} s; ` +
        `database with every row kept: ${await size()}`,
    );

    // Delivery writes while pruning: an emit (event + delivery) and its attempt's record, in a loop.
    const writes: number[] = [];
    let pruning = true;
    const writer = (async () => {
      while (pruning) {
        const t = performance.now();
        const event = await db.$transaction((tx) =>
          emitEvent(tx, orgId, "lead.created", EVENT_CATALOGUE["lead.created"].sample),
        );
        const result = { ok: true, status: 200, durationMs: 5, startedAt: new Date(), requestHeaders: {} };
        await recordAttempts(db, endpointId, 0, [
          {
            deliveryId: event.deliveries[0].id,
            attemptNumber: 1,
            trigger: "scheduled",
            url: "https://hooks.example.com/empfio",
            result,
            decision: decideAttempt({
              trigger: "scheduled",
              scheduledAttemptsBefore: 0,
              result: { ok: true, status: 200 },
              schedule: [60_000],
              jitter: (ms) => ms,
            }),
          },
        ]);
        writes.push(performance.now() - t);
      }
    })();
    // State updates of the oldest deliveries, the next pruning batch (100): each waits for as long
    // as a pruning statement holds that row, and gives up after 100 ms (counted).
    const updater = new pg.Client({ connectionString: database.url });
    await updater.connect();
    await updater.query("SET lock_timeout = '100ms'");
    const updaterPid = (await updater.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0].pid;
    const updates: number[] = [];
    let blockedUpdates = 0;
    const updating = (async () => {
      while (pruning) {
        const { rows } = await updater.query<{ id: string }>(
          `SELECT id FROM webhook_deliveries WHERE created_at < now() - make_interval(days => $1) AND status <> 'pending'
           ORDER BY created_at LIMIT 1 OFFSET $2`,
          [KEEP_DAYS, Math.floor(Math.random() * 100)],
        );
        if (!rows[0]) {
          await new Promise((resolve) => setTimeout(resolve, 5));
          continue;
        }
        const t = performance.now();
        try {
          await updater.query("UPDATE webhook_deliveries SET updated_at = now() WHERE id = $1", [rows[0].id]);
          updates.push(performance.now() - t);
        } catch (error) {
          if ((error as { code?: string }).code !== "55P03") throw error;
          blockedUpdates++;
        }
      }
    })();
    // Longest wait on a lock seen by the delivery writes and by those updates, sampled every 5 ms.
    const sampler = new pg.Client({ connectionString: database.url });
    await sampler.connect();
    const lockWaitMs = { writes: 0, updates: 0 };
    const sampling = (async () => {
      while (pruning) {
        const { rows } = await sampler.query<{ updates: number | null; writes: number | null }>(
          `SELECT max(extract(epoch FROM clock_timestamp() - state_change) * 1000) FILTER (WHERE pid = $1) AS updates,
                  max(extract(epoch FROM clock_timestamp() - state_change) * 1000) FILTER (WHERE pid <> $1) AS writes
           FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
          [updaterPid],
        );
        lockWaitMs.updates = Math.max(lockWaitMs.updates, Number(rows[0].updates ?? 0));
        lockWaitMs.writes = Math.max(lockWaitMs.writes, Number(rows[0].writes ?? 0));
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    const pruneStart = performance.now();
    const { pruned } = await pruneOldRows(db, { days: KEEP_DAYS });
    const pruneSeconds = (performance.now() - pruneStart) / 1000;
    pruning = false;
    await Promise.all([writer, sampling, updating]);
    await sampler.end();
    await updater.end();
    const pct = (times: number[], p: number) =>
      times.length === 0
        ? "–"
        : [...times].sort((a, b) => a - b)[Math.min(times.length - 1, Math.floor(times.length * p))].toFixed(1);
    console.log(
      `pruned to ${KEEP_DAYS} days in ${pruneSeconds.toFixed(0)} s: ${JSON.stringify(pruned)} ` +
        `(${Math.round(pruned.deliveries / pruneSeconds)} deliveries/s)`,
    );
    console.log(
      `meanwhile ${writes.length} delivery writes (emit + attempt record): p50 ${pct(writes, 0.5)} ms, ` +
        `p99 ${pct(writes, 0.99)} ms, max ${pct(writes, 1)} ms`,
    );
    console.log(
      `and ${updates.length + blockedUpdates} state updates of old deliveries at the pruning's front: ` +
        `p50 ${pct(updates, 0.5)} ms, p99 ${pct(updates, 0.99)} ms, max ${pct(updates, 1)} ms; ` +
        `${blockedUpdates} waited more than 100 ms for a lock (lock_timeout)`,
    );
    console.log(
      `longest lock wait sampled: delivery writes ${lockWaitMs.writes.toFixed(1)} ms, ` +
        `old-delivery updates ${lockWaitMs.updates.toFixed(1)} ms`,
    );
    await admin.query("VACUUM ANALYZE");
    console.log(`after pruning and VACUUM: ${await size()} (the freed space is reused by new rows)`);
    await admin.query("VACUUM FULL");
    console.log(`after VACUUM FULL (the live rows of ${KEEP_DAYS} days): ${await size()}`);
  } finally {
    await admin.end();
    await db.$disconnect();
    await database.drop();
  }
}

void main();
