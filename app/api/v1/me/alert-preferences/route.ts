import { apiRoute, readBody } from "@/lib/api/api-route";
import { getAlertPreference, setAlertPreference } from "@/lib/alerts/alert-preference";
import { userOnly } from "@/lib/alerts/user-only";
import { alertPreferenceSchema } from "@/lib/alerts/notification-schemas";

export const GET = apiRoute({}, async ({ db, organization, actor }) =>
  getAlertPreference(db, organization.id, userOnly(actor)),
);

export const PATCH = apiRoute({}, async ({ req, db, organization, actor }) =>
  setAlertPreference(db, organization.id, userOnly(actor), (await readBody(req, alertPreferenceSchema)).email_alerts),
);
