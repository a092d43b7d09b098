import { apiRoute } from "@/lib/api/api-route";
import { deliveryJson } from "@/lib/api/serializers";
import { consumeRateLimit } from "@/lib/rate-limit/consume-rate-limit";
import { failureAdvice } from "@/lib/webhooks/failure-advice";
import { getDelivery } from "@/lib/webhooks/get-delivery";
import { retryDeliveryNow } from "@/lib/webhooks/redeliver";

export const POST = apiRoute<{ id: string }>({ manage: true }, async ({ db, organization, params }) => {
  const before = await getDelivery(db, organization.id, params.id);
  await consumeRateLimit(db, `retry:${before.endpointId}`, 30, 60_000, "manual retries for this endpoint");
  const outcome = await retryDeliveryNow(db, organization.id, params.id);
  const after = await getDelivery(db, organization.id, params.id);
  return {
    outcome: {
      succeeded: outcome.succeeded,
      status_code: outcome.responseStatus,
      error: outcome.error,
      advice: outcome.succeeded
        ? null
        : failureAdvice({ responseStatus: outcome.responseStatus, errorKind: outcome.error?.kind ?? null }),
    },
    delivery: deliveryJson(after),
  };
});
