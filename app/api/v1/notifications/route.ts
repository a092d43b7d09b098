import { apiRoute, parseWith, searchParams } from "@/lib/api/api-route";
import { listNotificationsQuery } from "@/lib/alerts/notification-schemas";
import { listNotifications } from "@/lib/alerts/notifications";

export const GET = apiRoute({}, async ({ req, db, organization, actor }) =>
  listNotifications(
    db,
    organization.id,
    actor.kind === "user" ? actor.userId : null,
    parseWith(listNotificationsQuery, searchParams(req)),
  ),
);
