import { apiRoute, parseWith, searchParams } from "@/lib/api/api-route";
import { getOverview } from "@/lib/overview/get-overview";
import { overviewQuery } from "@/lib/overview/overview-schemas";

export const GET = apiRoute({}, async ({ req, db, organization }) => {
  const { tz } = parseWith(overviewQuery, searchParams(req));
  return getOverview(db, organization.id, tz);
});
