import { apiRoute, readBody } from "@/lib/api/api-route";
import { publicBaseUrl } from "@/lib/integrations/connections";
import { inviteMember } from "@/lib/organizations/invite-member";
import { listPendingInvitations } from "@/lib/organizations/manage-invitations";
import { invitationJson } from "@/lib/organizations/team-json";
import { inviteSchema } from "@/lib/organizations/team-schemas";

export const GET = apiRoute({ manage: true }, async ({ db, organization }) => ({
  data: (await listPendingInvitations(db, organization.id)).map(invitationJson),
}));

// The link is emailed and in this response once; only its hash is stored.
export const POST = apiRoute({ manage: true }, async ({ req, db, organization, actor }) => {
  const input = await readBody(req, inviteSchema);
  const { invitation, link, emailed } = await inviteMember(db, organization, actor, input, publicBaseUrl(req));
  return Response.json({ invitation: invitationJson(invitation), link, emailed }, { status: 201 });
});
