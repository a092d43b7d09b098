import { apiRoute } from "@/lib/api/api-route";
import { jobJson } from "@/lib/api/serializers";
import { getJob } from "@/lib/jobs/get-job";

export const GET = apiRoute<{ id: string }>({}, async ({ db, organization, params }) => ({
  job: jobJson(await getJob(db, organization.id, params.id)),
}));
