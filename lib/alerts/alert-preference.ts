import "server-only";
import type { Db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";

/** Whether this member gets alert emails (owners and admins do, unless they turn them off). */
export async function getAlertPreference(db: Db, organizationId: string, userId: string) {
  const m = await db.membership.findUnique({
    where: { organizationId_userId: { organizationId, userId } },
    select: { emailAlerts: true, role: true },
  });
  if (!m) throw notFound("Membership");
  return { email_alerts: m.emailAlerts, receives_alerts: m.role === "owner" || m.role === "admin" };
}

export async function setAlertPreference(db: Db, organizationId: string, userId: string, emailAlerts: boolean) {
  await db.membership.updateMany({ where: { organizationId, userId }, data: { emailAlerts } });
  return getAlertPreference(db, organizationId, userId);
}
