import { apiRoute } from "@/lib/api/api-route";
import { revealSecret } from "@/lib/webhooks/manage-endpoints";

// A POST, not a GET: revealing a secret is an explicit act, never a prefetch or a cached page.
export const POST = apiRoute<{ id: string }>({ manage: true, signedIn: true }, async ({ db, organization, params }) => {
  return Response.json(
    { secret: await revealSecret(db, organization.id, params.id) },
    { headers: { "Cache-Control": "no-store" } },
  );
});
