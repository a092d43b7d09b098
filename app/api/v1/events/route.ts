import { apiRoute, parseWith, searchParams } from "@/lib/api/api-route";
import { eventJson } from "@/lib/api/serializers";
import { listEvents, listEventsQuery } from "@/lib/webhooks/list-events";

export const GET = apiRoute({}, async ({ req, db, organization }) => {
  const { rows, nextCursor } = await listEvents(db, organization.id, parseWith(listEventsQuery, searchParams(req)));
  return { data: rows.map(eventJson), next_cursor: nextCursor };
});
