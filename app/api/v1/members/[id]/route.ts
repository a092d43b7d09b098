import { apiRoute, readBody } from "@/lib/api/api-route";
import { notFound } from "@/lib/errors";
import { isUuid } from "@/lib/ids";
import { changeMemberRole, removeMember } from "@/lib/organizations/manage-members";
import { memberJson } from "@/lib/organizations/team-json";
import { changeRoleSchema } from "@/lib/organizations/team-schemas";

export const PATCH = apiRoute<{ id: string }>({}, async ({ req, db, organization, actor, params }) => {
  const { role } = await readBody(req, changeRoleSchema);
  if (!isUuid(params.id)) throw notFound("Member");
  return { member: memberJson(await changeMemberRole(db, organization.id, actor, params.id, role)) };
});

// An owner removes a member; anyone removes their own membership to leave.
export const DELETE = apiRoute<{ id: string }>({}, async ({ db, organization, actor, params }) => {
  if (!isUuid(params.id)) throw notFound("Member");
  await removeMember(db, organization.id, actor, params.id);
  return new Response(null, { status: 204 });
});
