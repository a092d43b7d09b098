import "server-only";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Job } from "@/lib/generated/prisma/client";
import { deliveryRuns } from "./delivery-runs";
import { handOver } from "./hand-over";
import { decodeCursor, encodeCursor } from "./keyset-cursor";
import { deliveryConditions, deliveryFilters, type DeliveryFilters } from "./list-deliveries";
import { getEndpoint } from "./manage-endpoints";
import { REQUEUE, REQUEUE_BATCH } from "./redeliver";

/** "Retry all matching": the delivery log's filters; only failed deliveries are retried. */
export const bulkRetrySchema = deliveryFilters.extend({
  status: z.literal("failed", "status: only failed deliveries are retried").optional(),
  dry_run: z.boolean("dry_run must be true or false").optional(),
});

export type BulkRetryInput = z.output<typeof bulkRetrySchema>;

/**
 * What a bulk retry matches: failed, not test pings, created by the time the job started, to an
 * enabled endpoint (a disabled one would fail them again at once).
 */
function matching(organizationId: string, filters: DeliveryFilters, startedAt: Prisma.Sql): Prisma.Sql {
  return Prisma.join(
    [
      ...deliveryConditions(organizationId, { ...filters, status: "failed" }),
      Prisma.sql`NOT d.is_test`,
      Prisma.sql`EXISTS (SELECT 1 FROM webhook_endpoints ep WHERE ep.id = d.endpoint_id AND ep.enabled)`,
      Prisma.sql`d.created_at <= ${startedAt}`,
    ],
    " AND ",
  );
}

/**
 * Retries every failed delivery matching the delivery log's filters, in the background: answers
 * a job (total = the deliveries matching now) whose run flips them back to pending in batches.
 * `dry_run` only counts them, for the confirmation.
 */
export async function startBulkRetry(
  db: Db,
  organizationId: string,
  input: BulkRetryInput,
): Promise<{ total: number; job: Job | null }> {
  const { dry_run: dryRun, ...filters } = input;
  if (filters.endpoint_id) await getEndpoint(db, organizationId, filters.endpoint_id);
  if (filters.since && filters.until && new Date(filters.since) >= new Date(filters.until)) {
    throw new AppError("validation_failed", "until: must be after since", [
      { field: "until", message: "must be after since" },
    ]);
  }
  if (dryRun) {
    const [{ total }] = await db.$queryRaw<{ total: number }[]>`
      SELECT count(*)::int AS total FROM webhook_deliveries d WHERE ${matching(organizationId, filters, Prisma.sql`now()`)}`;
    return { total, job: null };
  }
  // Counted and created in one statement, at one instant: the job covers exactly what it counted
  // (plus any that fail meanwhile among those created before it).
  const [job] = await db.$queryRaw<Job[]>`
    INSERT INTO jobs (id, organization_id, kind, filters, total, status, created_at, updated_at, completed_at)
    SELECT gen_random_uuid(), ${organizationId}::uuid, 'bulk_retry', ${JSON.stringify(filters)}::jsonb, c.total,
           CASE WHEN c.total = 0 THEN 'succeeded' ELSE 'running' END, now(), now(),
           CASE WHEN c.total = 0 THEN now() END
    FROM (SELECT count(*)::int AS total FROM webhook_deliveries d
          WHERE ${matching(organizationId, filters, Prisma.sql`now()`)}) c
    RETURNING id, organization_id AS "organizationId", kind, filters, total, done, cursor, status, error,
              created_at AS "createdAt", updated_at AS "updatedAt", completed_at AS "completedAt"`;
  if (job.status === "running") {
    try {
      await deliveryRuns().bulkRetry({ jobId: job.id, organizationId });
    } catch (error) {
      await failBulkRetry(db, job.id, "The background run could not be started. Try again.");
      throw error;
    }
  }
  return { total: job.total, job };
}

/**
 * One step of a bulk retry: past the job's cursor, the next batch of matching deliveries in
 * (created_at, id) order; flips those still failed to pending, and moves the cursor and the
 * progress, all in one transaction. A replayed step reads the cursor its earlier run committed,
 * so it never flips a batch twice, and a delivery that fails again later is behind the cursor.
 * Hands the flipped deliveries' endpoints over after commit.
 */
export async function retryNextBatch(db: Db, jobId: string): Promise<{ finished: boolean; flipped: number }> {
  const result = await db.$transaction(async (tx) => {
    const [job] = await tx.$queryRaw<Job[]>`
      SELECT id, organization_id AS "organizationId", filters, cursor, status, created_at AS "createdAt"
      FROM jobs WHERE id = ${jobId}::uuid AND kind = 'bulk_retry' FOR UPDATE`;
    if (!job || job.status !== "running") return { finished: true, flipped: 0, endpointIds: [] };
    const conditions = [matching(job.organizationId, job.filters as DeliveryFilters, Prisma.sql`${job.createdAt}`)];
    if (job.cursor) {
      const [at, id] = decodeCursor(job.cursor);
      conditions.push(Prisma.sql`(d.created_at, d.id) > (${at}, ${id}::uuid)`);
    }
    const [batch] = await tx.$queryRaw<
      { scanned: number; lastAt: Date | null; lastId: string | null; endpointIds: string[] | null; flipped: number }[]
    >`
      WITH pick AS (
        SELECT d.id, d.created_at FROM webhook_deliveries d
        WHERE ${Prisma.join(conditions, " AND ")}
        ORDER BY d.created_at, d.id LIMIT ${REQUEUE_BATCH}
        FOR UPDATE
      ),
      flipped AS (
        UPDATE webhook_deliveries d SET ${REQUEUE}
        FROM pick WHERE d.id = pick.id AND d.status = 'failed'
        RETURNING d.endpoint_id
      ),
      last AS (SELECT created_at, id FROM pick ORDER BY created_at DESC, id DESC LIMIT 1)
      SELECT (SELECT count(*) FROM pick)::int AS scanned,
             (SELECT created_at FROM last) AS "lastAt", (SELECT id::text FROM last) AS "lastId",
             (SELECT array_agg(DISTINCT endpoint_id::text) FROM flipped) AS "endpointIds",
             (SELECT count(*) FROM flipped)::int AS flipped`;
    const finished = batch.scanned < REQUEUE_BATCH;
    const cursor = batch.lastAt && batch.lastId ? encodeCursor(batch.lastAt, batch.lastId) : job.cursor;
    await tx.$executeRaw`
      UPDATE jobs SET done = done + ${batch.scanned}, total = greatest(total, done + ${batch.scanned}),
        cursor = ${cursor}, updated_at = now(),
        status = CASE WHEN ${finished} THEN 'succeeded' ELSE status END,
        completed_at = CASE WHEN ${finished} THEN now() END
      WHERE id = ${jobId}::uuid`;
    return { finished, flipped: batch.flipped, endpointIds: batch.endpointIds ?? [] };
  });
  await handOver(db, result.endpointIds);
  return { finished: result.finished, flipped: result.flipped };
}

/** A bulk retry whose run gave up: what it flipped stays flipped; the job says why it stopped. */
export async function failBulkRetry(db: Db, jobId: string, reason: string): Promise<void> {
  await db.job.updateMany({
    where: { id: jobId, status: "running" },
    data: { status: "failed", error: reason, completedAt: new Date() },
  });
}
