// npm run bench:log: seeds 1,000,000 deliveries over 100 endpoints in a throwaway database and
// prints p50/p95 of the delivery-log query (the same function GET /api/v1/deliveries calls)
// for the first page, a page 10,000 rows deep, and filtered pages. Target: p95 ≤ 50 ms, flat with depth.
import { performance } from "node:perf_hooks";
import { createDb } from "@/lib/db/client";
import { listDeliveries, listDeliveriesQuery } from "@/lib/webhooks/list-deliveries";
import { createTestDatabase } from "@/test/support/database";

const TOTAL = Number(process.env.BENCH_DELIVERIES ?? 1_000_000);
const ENDPOINTS = 100;
const RUNS = Number(process.env.BENCH_RUNS ?? 200);

async function main() {
  const database = await createTestDatabase();
  const db = createDb(database.url, 4);
  try {
    const seedStart = performance.now();
    const [{ id: orgId }] = await db.$queryRaw<{ id: string }[]>`
      INSERT INTO organizations (id, name, slug, updated_at) VALUES (gen_random_uuid(), 'Bench Salon', 'bench-salon', now()) RETURNING id`;
    await db.$executeRaw`
      INSERT INTO webhook_endpoints (id, organization_id, url, event_types, secret_encrypted, updated_at)
      SELECT gen_random_uuid(), ${orgId}::uuid, 'https://hooks.example.com/' || g, ARRAY['lead.created','booking.created'], 'sealed', now()
      FROM generate_series(1, ${ENDPOINTS}) g`;
    // One event per 10 deliveries; created_at spread over 30 days so time filters are realistic.
    await db.$executeRaw`
      INSERT INTO webhook_events (id, organization_id, type, payload, occurred_at, created_at)
      SELECT gen_random_uuid(), ${orgId}::uuid, CASE WHEN g % 3 = 0 THEN 'booking.created' ELSE 'lead.created' END, '{}',
             now() - make_interval(secs => g * 26), now() - make_interval(secs => g * 26)
      FROM generate_series(1, ${TOTAL / 10}) g`;
    await db.$executeRaw`
      INSERT INTO webhook_deliveries (id, organization_id, event_id, endpoint_id, event_type, status, attempt_count, last_status_code, created_at, updated_at)
      SELECT gen_random_uuid(), ${orgId}::uuid, ev.id, ep.id, ev.type,
             (CASE WHEN random() < 0.9 THEN 'succeeded' WHEN random() < 0.5 THEN 'failed' ELSE 'pending' END)::"DeliveryStatus",
             1, 200, ev.created_at + make_interval(secs => ep.n), now()
      FROM (SELECT id, type, created_at, row_number() OVER () AS rn FROM webhook_events) ev
      JOIN (SELECT id, row_number() OVER (ORDER BY id) AS n FROM webhook_endpoints) ep ON ep.n % 10 = ev.rn % 10`;
    await db.$executeRawUnsafe("ANALYZE");
    const [{ count }] = await db.$queryRaw<{ count: bigint }[]>`SELECT count(*) FROM webhook_deliveries`;
    console.log(
      `seeded ${count} deliveries over ${ENDPOINTS} endpoints in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`,
    );

    const [deep] = await db.$queryRaw<{ created_at: Date; id: string }[]>`
      SELECT created_at, id FROM webhook_deliveries ORDER BY created_at DESC, id DESC OFFSET 10000 LIMIT 1`;
    const deepCursor = Buffer.from(`${deep.created_at.toISOString()}|${deep.id}`).toString("base64url");
    const [someEndpoint] = await db.$queryRaw<{ id: string }[]>`SELECT id FROM webhook_endpoints LIMIT 1`;

    const cases: [string, Record<string, string>][] = [
      ["first page", {}],
      ["page 10,000 rows deep", { cursor: deepCursor }],
      ["filtered: status=failed", { status: "failed" }],
      ["filtered: one endpoint", { endpoint_id: someEndpoint.id }],
      [
        "filtered: endpoint + status + event type + time range",
        {
          endpoint_id: someEndpoint.id,
          status: "succeeded",
          event_type: "booking.created",
          since: new Date(Date.now() - 7 * 86_400_000).toISOString(),
        },
      ],
    ];
    console.log(`\n${"case".padEnd(58)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)}  (${RUNS} runs, limit 25)`);
    for (const [name, params] of cases) {
      const query = listDeliveriesQuery.parse(params);
      for (let i = 0; i < 10; i++) await listDeliveries(db, orgId, query);
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const t = performance.now();
        const page = await listDeliveries(db, orgId, query);
        times.push(performance.now() - t);
        if (page.rows.length === 0) throw new Error(`${name}: empty page`);
      }
      times.sort((a, b) => a - b);
      console.log(`${name.padEnd(58)} ${pct(times, 0.5).padStart(8)} ${pct(times, 0.95).padStart(8)}`);
    }
  } finally {
    await db.$disconnect();
    await database.drop();
  }
}

function pct(sorted: number[], p: number): string {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))].toFixed(2);
}

void main();
