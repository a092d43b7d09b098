import { apiRoute, parseWith, searchParams } from "@/lib/api/api-route";
import { deliveryJson } from "@/lib/api/serializers";
import { listDeliveries, listDeliveriesQuery } from "@/lib/webhooks/list-deliveries";

export const GET = apiRoute({}, async ({ req, db, organization }) => {
  const { rows, nextCursor } = await listDeliveries(
    db,
    organization.id,
    parseWith(listDeliveriesQuery, searchParams(req)),
  );
  return { data: rows.map(deliveryJson), next_cursor: nextCursor };
});
