import { apiRoute, readBody } from "@/lib/api/api-route";
import { userOnly } from "@/lib/alerts/user-only";
import { markReadSchema } from "@/lib/alerts/notification-schemas";
import { markNotificationsRead } from "@/lib/alerts/notifications";

export const POST = apiRoute({}, async ({ req, db, organization, actor }) =>
  markNotificationsRead(db, organization.id, userOnly(actor), await readBody(req, markReadSchema)),
);
