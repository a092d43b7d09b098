import { apiRoute } from "@/lib/api/api-route";
import { listMembers } from "@/lib/organizations/manage-members";
import { memberJson } from "@/lib/organizations/team-json";

export const GET = apiRoute({}, async ({ db, organization }) => ({
  data: (await listMembers(db, organization.id)).map(memberJson),
}));
