import { z } from "zod";
import { apiRoute, parseWith, searchParams } from "@/lib/api/api-route";
import { deliveryHistogram } from "@/lib/webhooks/endpoint-stats";
import { getEndpoint } from "@/lib/webhooks/manage-endpoints";

const statsQuery = z.object({ range: z.enum(["24h", "7d"], "range must be 24h or 7d").default("24h") });

export const GET = apiRoute<{ id: string }>({}, async ({ req, db, organization, params }) => {
  const { range } = parseWith(statsQuery, searchParams(req));
  const endpoint = await getEndpoint(db, organization.id, params.id);
  return { range, buckets: await deliveryHistogram(db, organization.id, endpoint.id, range) };
});
