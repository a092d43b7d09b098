import "server-only";
import type { Db } from "@/lib/db/client";

/** Enough for the delivery log to show the job started before the page was left. */
const LATEST = 20;

/** The organization's latest background jobs, newest first. */
export function listJobs(db: Db, organizationId: string) {
  return db.job.findMany({ where: { organizationId }, orderBy: { createdAt: "desc" }, take: LATEST });
}
