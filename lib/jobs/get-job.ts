import "server-only";
import type { Db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { isUuid } from "@/lib/ids";

/** A background job of the organization, with its progress. */
export async function getJob(db: Db, organizationId: string, jobId: string) {
  const job = isUuid(jobId) ? await db.job.findFirst({ where: { id: jobId, organizationId } }) : null;
  if (!job) throw notFound("Job");
  return job;
}
