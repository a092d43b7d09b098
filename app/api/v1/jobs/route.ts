import { apiRoute } from "@/lib/api/api-route";
import { jobJson } from "@/lib/api/serializers";
import { listJobs } from "@/lib/jobs/list-jobs";

export const GET = apiRoute({}, async ({ db, organization }) => ({
  data: (await listJobs(db, organization.id)).map(jobJson),
}));
