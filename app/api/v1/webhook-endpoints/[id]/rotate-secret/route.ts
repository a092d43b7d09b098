import { apiRoute } from "@/lib/api/api-route";
import { rotateSecret } from "@/lib/webhooks/manage-endpoints";

export const POST = apiRoute<{ id: string }>({ manage: true }, async ({ db, organization, params }) => {
  const { secret, previousSecretExpiresAt } = await rotateSecret(db, organization.id, params.id);
  return { secret, previous_secret_expires_at: previousSecretExpiresAt?.toISOString() ?? null };
});
