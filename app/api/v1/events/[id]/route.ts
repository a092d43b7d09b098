import { apiRoute } from "@/lib/api/api-route";
import { eventDetailJson } from "@/lib/api/serializers";
import { getEvent } from "@/lib/webhooks/get-event";

export const GET = apiRoute<{ id: string }>({}, async ({ db, organization, params }) =>
  eventDetailJson(await getEvent(db, organization.id, params.id)),
);
