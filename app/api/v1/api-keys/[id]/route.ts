import { apiRoute } from "@/lib/api/api-route";
import { revokeApiKey } from "@/lib/api-keys/manage-api-keys";
import { isUuid } from "@/lib/ids";
import { notFound } from "@/lib/errors";

export const DELETE = apiRoute<{ id: string }>(
  { manage: true, signedIn: true },
  async ({ db, organization, params }) => {
    if (!isUuid(params.id)) throw notFound("API key");
    await revokeApiKey(db, organization.id, params.id);
    return new Response(null, { status: 204 });
  },
);
