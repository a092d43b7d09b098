import { apiRoute, readBody } from "@/lib/api/api-route";
import { jobJson } from "@/lib/api/serializers";
import { bulkRetrySchema, startBulkRetry } from "@/lib/webhooks/bulk-retry";

export const POST = apiRoute({ manage: true }, async ({ req, db, organization }) => {
  const { total, job } = await startBulkRetry(db, organization.id, await readBody(req, bulkRetrySchema));
  return job ? Response.json({ job: jobJson(job) }, { status: 202 }) : { total };
});
