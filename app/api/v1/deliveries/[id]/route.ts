import { apiRoute } from "@/lib/api/api-route";
import { attemptJson, deliveryJson } from "@/lib/api/serializers";
import { getDelivery } from "@/lib/webhooks/get-delivery";

export const GET = apiRoute<{ id: string }>({}, async ({ db, organization, params }) => {
  const d = await getDelivery(db, organization.id, params.id);
  return {
    delivery: deliveryJson(d),
    event: {
      id: d.event.id,
      type: d.event.type,
      occurred_at: d.event.occurredAt.toISOString(),
      payload: d.event.payload,
    },
    attempts: d.attempts.map(attemptJson),
  };
});
