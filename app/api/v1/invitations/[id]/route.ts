import { apiRoute } from "@/lib/api/api-route";
import { notFound } from "@/lib/errors";
import { isUuid } from "@/lib/ids";
import { revokeInvitation } from "@/lib/organizations/manage-invitations";

export const DELETE = apiRoute<{ id: string }>({ manage: true }, async ({ db, organization, params }) => {
  if (!isUuid(params.id)) throw notFound("Pending invitation");
  await revokeInvitation(db, organization.id, params.id);
  return new Response(null, { status: 204 });
});
