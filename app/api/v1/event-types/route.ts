import { apiRoute } from "@/lib/api/api-route";
import { eventTypeList } from "@/lib/webhooks/event-type-list";

export const GET = apiRoute({}, async () => ({ data: eventTypeList() }));
