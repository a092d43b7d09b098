import { apiRoute, parseWith, searchParams } from "@/lib/api/api-route";
import { inboundRequestJson, listInboundRequests, listInboundRequestsQuery } from "@/lib/inbound/list-inbound-requests";

export const GET = apiRoute({}, async ({ req, db, organization }) => {
  const { rows, nextCursor } = await listInboundRequests(
    db,
    organization.id,
    parseWith(listInboundRequestsQuery, searchParams(req)),
  );
  return { data: rows.map(inboundRequestJson), next_cursor: nextCursor };
});
