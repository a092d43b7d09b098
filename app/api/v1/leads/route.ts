import { apiRoute, parseWith, searchParams } from "@/lib/api/api-route";
import { leadJson, listLeads, listLeadsQuery } from "@/lib/records/list-records";

export const GET = apiRoute({}, async ({ req, db, organization }) => ({
  data: (await listLeads(db, organization.id, parseWith(listLeadsQuery, searchParams(req)))).map(leadJson),
}));
