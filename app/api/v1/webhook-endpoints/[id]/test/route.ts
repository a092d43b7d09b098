import { apiRoute } from "@/lib/api/api-route";
import { consumeRateLimit } from "@/lib/rate-limit/consume-rate-limit";
import { getEndpoint } from "@/lib/webhooks/manage-endpoints";
import { sendTestPing } from "@/lib/webhooks/send-test-ping";

export const POST = apiRoute<{ id: string }>({ manage: true }, async ({ db, organization, params }) => {
  const endpoint = await getEndpoint(db, organization.id, params.id);
  await consumeRateLimit(db, `test-ping:${endpoint.id}`, 10, 60_000, "test pings for this endpoint");
  return sendTestPing(db, endpoint);
});
