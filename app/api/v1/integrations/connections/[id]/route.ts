import { apiRoute } from "@/lib/api/api-route";
import { deleteConnection } from "@/lib/integrations/connections";

export const DELETE = apiRoute<{ id: string }>({ manage: true }, async ({ db, organization, params }) => {
  await deleteConnection(db, organization.id, params.id);
  return new Response(null, { status: 204 });
});
