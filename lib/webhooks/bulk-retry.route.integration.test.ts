import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { waitUntil } from "@/lib/wait-until";
import { startDeliveryStack } from "@/test/support/delivery-stack";
import { startReceiver } from "@/test/support/receiver";
import { EVENT_CATALOGUE } from "./event-catalogue";

// "Retry all matching" over real HTTP with an API key: the job, its Inngest run (real SDK,
// embedded executor), and the re-queued deliveries reaching loopback receivers.
let stack: Awaited<ReturnType<typeof startDeliveryStack>>;
let db: Db;
let lib: {
  createEndpoint: typeof import("./manage-endpoints").createEndpoint;
  outboxEvent: typeof import("./emit-event").outboxEvent;
  retryNextBatch: typeof import("./bulk-retry").retryNextBatch;
  sweepBulkRetries: typeof import("./sweep-bulk-retries").sweepBulkRetries;
  LOST_RUN_REASON: string;
  MAX_RESTARTS: number;
};

beforeAll(async () => {
  // The default 10 s timeout: 2,000 requests on a busy test machine must not time out and retry.
  stack = await startDeliveryStack({
    routes: async () => ({
      "/api/v1/deliveries/retry": await import("@/app/api/v1/deliveries/retry/route"),
      "/api/v1/jobs/[id]": await import("@/app/api/v1/jobs/[id]/route"),
      "/api/v1/jobs": await import("@/app/api/v1/jobs/route"),
    }),
    env: { WEBHOOK_TIMEOUT_MS: "10000" },
  });
  db = stack.db;
  lib = {
    ...(await import("./manage-endpoints")),
    ...(await import("./emit-event")),
    ...(await import("./bulk-retry")),
    ...(await import("./sweep-bulk-retries")),
  };
});
afterAll(() => stack?.stop());

/** `perEndpoint` failed deliveries of `type` to each endpoint, an hour old, each of its own event. */
async function seedFailed(
  orgId: string,
  endpointIds: string[],
  perEndpoint: number,
  type: "lead.created" | "booking.created",
) {
  const { payload } = lib.outboxEvent(orgId, type, EVENT_CATALOGUE[type].sample);
  await db.$executeRaw`
    WITH ev AS (
      INSERT INTO webhook_events (id, organization_id, type, payload, occurred_at, created_at)
      SELECT gen_random_uuid(), ${orgId}::uuid, ${type}, ${payload}, now(), now() - interval '1 hour'
      FROM generate_series(1, ${perEndpoint}) RETURNING id
    )
    INSERT INTO webhook_deliveries (id, organization_id, event_id, endpoint_id, event_type, status, attempt_count,
      scheduled_attempts, last_status_code, completed_at, created_at, updated_at)
    SELECT gen_random_uuid(), ${orgId}::uuid, ev.id, ep, ${type}, 'failed', 4, 4, 500, now(), now() - interval '1 hour', now()
    FROM ev CROSS JOIN unnest(${endpointIds}::uuid[]) ep`;
}

const statuses = async (orgId: string, type: string) =>
  Object.fromEntries(
    (
      await db.webhookDelivery.groupBy({
        by: ["status"],
        where: { organizationId: orgId, eventType: type },
        _count: true,
      })
    ).map((g) => [g.status, g._count]),
  );

describe("retry all matching", () => {
  it("retries 2,000 failed deliveries in the background with progress, none sent twice", async () => {
    const org = await stack.organization();
    const receivers = await Promise.all([1, 2, 3, 4].map(() => startReceiver()));
    const endpoints = await Promise.all(
      receivers.map(
        async (r) =>
          (await lib.createEndpoint(db, org.id, { url: r.url, event_types: ["lead.created", "booking.created"] }))
            .endpoint.id,
      ),
    );
    await seedFailed(org.id, endpoints, 500, "lead.created");
    await seedFailed(org.id, endpoints, 25, "booking.created");
    const filters = { status: "failed", event_type: "lead.created" };

    const preview = await org.call("POST", "/api/v1/deliveries/retry", "/api/v1/deliveries/retry", {
      ...filters,
      dry_run: true,
    });
    expect(preview).toEqual({ status: 200, body: { total: 2000 } });
    const started = await org.call("POST", "/api/v1/deliveries/retry", "/api/v1/deliveries/retry", filters);
    expect(started).toMatchObject({
      status: 202,
      body: { job: { kind: "bulk_retry", status: "running", total: 2000, done: 0, filters } },
    });

    const jobUrl = `/api/v1/jobs/${started.body.job.id}`;
    const progress: number[] = [];
    let job = started.body.job;
    await waitUntil(
      async () => {
        job = (await org.call("GET", "/api/v1/jobs/[id]", jobUrl)).body.job;
        progress.push(job.done);
        return job.status !== "running";
      },
      60_000,
      "the job to finish",
    );
    expect(job).toMatchObject({ status: "succeeded", total: 2000, done: 2000, error: null });
    expect(progress).toEqual([...progress].sort((a, b) => a - b));

    await waitUntil(
      async () => (await statuses(org.id, "lead.created")).succeeded === 2000,
      120_000,
      "every retried delivery to succeed",
    );
    const ids = receivers.flatMap((r) => r.received.map((x) => String(x.headers["webhook-id"])));
    expect(ids).toHaveLength(2000);
    expect(new Set(ids).size).toBe(2000);
    expect(receivers.map((r) => r.received.length)).toEqual([500, 500, 500, 500]);
    // Each went out once more after its 4 failed attempts: one attempt each, none repeated.
    expect(
      await db.webhookDelivery.count({ where: { organizationId: org.id, eventType: "lead.created", attemptCount: 5 } }),
    ).toBe(2000);
    expect(await statuses(org.id, "booking.created")).toEqual({ failed: 100 });
    for (const r of receivers) await r.close();
  }, 240_000);

  it("a step run again continues from the job's cursor: a delivery that failed again is not flipped twice", async () => {
    const org = await stack.organization();
    const receiver = await startReceiver();
    const { endpoint } = await lib.createEndpoint(db, org.id, { url: receiver.url, event_types: ["lead.created"] });
    await seedFailed(org.id, [endpoint.id], 1500, "lead.created");
    // The job as the API creates it, without its run: this test plays the run's steps.
    const [{ id: jobId }] = await db.$queryRaw<{ id: string }[]>`
      INSERT INTO jobs (id, organization_id, kind, filters, total, updated_at)
      VALUES (gen_random_uuid(), ${org.id}::uuid, 'bulk_retry', '{}'::jsonb, 1500, now()) RETURNING id::text`;

    expect(await lib.retryNextBatch(db, jobId)).toEqual({ finished: false, flipped: 1000 });
    await waitUntil(async () => (await statuses(org.id, "lead.created")).succeeded === 1000, 60_000, "batch 1");
    // The first batch fails again (its receiver went down, say): a later step must leave it alone.
    await db.webhookDelivery.updateMany({
      where: { organizationId: org.id, status: "succeeded" },
      data: { status: "failed" },
    });
    expect(await lib.retryNextBatch(db, jobId)).toEqual({ finished: true, flipped: 500 });
    expect(await lib.retryNextBatch(db, jobId)).toEqual({ finished: true, flipped: 0 });
    await waitUntil(async () => receiver.received.length === 1500, 60_000, "batch 2");
    expect(new Set(receiver.received.map((r) => r.headers["webhook-id"])).size).toBe(1500);
    expect(await db.job.findUniqueOrThrow({ where: { id: jobId } })).toMatchObject({
      status: "succeeded",
      done: 1500,
      total: 1500,
    });
    await receiver.close();
  }, 180_000);

  it("refuses other statuses and bad filters, and keeps jobs to their organization", async () => {
    const org = await stack.organization();
    const stranger = await stack.organization();
    const retry = (body: unknown, who = org) =>
      who.call("POST", "/api/v1/deliveries/retry", "/api/v1/deliveries/retry", body);
    expect(await retry({ status: "succeeded" })).toMatchObject({
      status: 422,
      body: { error: { details: [{ field: "status", message: "status: only failed deliveries are retried" }] } },
    });
    expect(await retry({ since: "yesterday" })).toMatchObject({
      status: 422,
      body: { error: { details: [{ field: "since" }] } },
    });
    expect(await retry({ since: "2026-01-02T00:00:00Z", until: "2026-01-01T00:00:00Z" })).toMatchObject({
      status: 422,
      body: { error: { details: [{ field: "until" }] } },
    });
    const receiver = await startReceiver();
    const { endpoint } = await lib.createEndpoint(db, stranger.id, {
      url: receiver.url,
      event_types: ["lead.created"],
    });
    expect((await retry({ endpoint_id: endpoint.id })).status).toBe(404);
    await seedFailed(stranger.id, [endpoint.id], 3, "lead.created");
    const mine = await retry({});
    expect(mine).toMatchObject({ status: 202, body: { job: { status: "succeeded", total: 0, done: 0 } } });
    expect((await stranger.call("GET", "/api/v1/jobs/[id]", `/api/v1/jobs/${mine.body.job.id}`)).status).toBe(404);
    expect((await org.call("GET", "/api/v1/jobs/[id]", "/api/v1/jobs/not-a-uuid")).status).toBe(404);
    const second = await retry({ event_type: "lead.created" });
    expect((await org.call("GET", "/api/v1/jobs", "/api/v1/jobs")).body.data.map((j: { id: string }) => j.id)).toEqual([
      second.body.job.id,
      mine.body.job.id,
    ]);
    expect(await stranger.call("GET", "/api/v1/jobs", "/api/v1/jobs")).toEqual({ status: 200, body: { data: [] } });
    expect(await statuses(stranger.id, "lead.created")).toEqual({ failed: 3 });
    await receiver.close();
  });
});

describe("a bulk retry whose run was lost", () => {
  /** A running job as the API creates it, without a run, last moved `minutesAgo`. */
  async function job(orgId: string, total: number, minutesAgo: number, restarts = 0): Promise<string> {
    const [{ id }] = await db.$queryRaw<{ id: string }[]>`
      INSERT INTO jobs (id, organization_id, kind, filters, total, restarts, created_at, updated_at)
      VALUES (gen_random_uuid(), ${orgId}::uuid, 'bulk_retry', '{}'::jsonb, ${total}, ${restarts},
              now() - make_interval(mins => ${minutesAgo}), now() - make_interval(mins => ${minutesAgo}))
      RETURNING id::text`;
    return id;
  }
  const stall = (id: string, minutesAgo: number) =>
    db.$executeRaw`UPDATE jobs SET updated_at = now() - make_interval(mins => ${minutesAgo}) WHERE id = ${id}::uuid`;

  // The delivery sweep's cron may run the same sweep meanwhile: the assertions hold either way.
  it("is restarted by the sweep from its progress, or failed with a reason after its restarts", async () => {
    const org = await stack.organization();
    const receiver = await startReceiver();
    const { endpoint } = await lib.createEndpoint(db, org.id, { url: receiver.url, event_types: ["lead.created"] });
    await seedFailed(org.id, [endpoint.id], 1500, "lead.created");
    const lost = await job(org.id, 1500, 10);
    expect(await lib.retryNextBatch(db, lost)).toEqual({ finished: false, flipped: 1000 });
    await stall(lost, 10);
    // Another organization: one job moving, one queued behind it (one run per organization), and
    // one whose runs kept dying.
    const other = await stack.organization();
    const moving = await job(other.id, 10, 0);
    const queued = await job(other.id, 10, 10);
    const third = await stack.organization();
    const dying = await job(third.id, 10, 10, lib.MAX_RESTARTS);

    await lib.sweepBulkRetries(db);

    await waitUntil(
      async () => (await db.job.findUniqueOrThrow({ where: { id: lost } })).status !== "running",
      60_000,
      "the restarted job to finish",
    );
    expect(await db.job.findUniqueOrThrow({ where: { id: lost } })).toMatchObject({
      status: "succeeded",
      done: 1500,
      restarts: 1,
      error: null,
    });
    await waitUntil(async () => receiver.received.length === 1500, 60_000, "every delivery retried");
    expect(new Set(receiver.received.map((r) => r.headers["webhook-id"])).size).toBe(1500);
    expect(await db.job.findUniqueOrThrow({ where: { id: dying } })).toMatchObject({
      status: "failed",
      error: lib.LOST_RUN_REASON,
    });
    for (const id of [moving, queued])
      expect(await db.job.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "running", restarts: 0 });
    await receiver.close();
  }, 180_000);
});
