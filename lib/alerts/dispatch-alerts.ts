import "server-only";
import type { Db } from "@/lib/db/client";
import { logger } from "@/lib/logger";
import { appUrl } from "@/lib/mail/app-url";
import type { MailMessage } from "@/lib/mail/mail-message";
import { sendMail } from "@/lib/mail/send-mail";
import { handOver } from "@/lib/webhooks/hand-over";
import { alertMail } from "./alert-mail";
import type { RaisedAlerts } from "./raise-alerts";

/**
 * After the alerts' transaction commits: hands their operational events' deliveries over, and
 * queues one email per alert to each owner and admin of the organization who has not turned
 * email alerts off. Never throws: the alerts are in the app whatever happens here, and a lost
 * hand-over is picked up by the delivery sweep.
 */
export async function dispatchAlerts(db: Db, raised: RaisedAlerts): Promise<void> {
  if (raised.alerts.length === 0) return;
  await handOver(
    db,
    raised.events.flatMap((e) => e.deliveries.map((d) => d.endpointId)),
  ).catch((error: unknown) => logger.warn({ err: String(error) }, "alerts: hand-over of operational events failed"));
  try {
    const orgIds = [...new Set(raised.alerts.map((a) => a.organization.id))];
    const recipients = await db.membership.findMany({
      where: { organizationId: { in: orgIds }, role: { in: ["owner", "admin"] }, emailAlerts: true },
      select: { organizationId: true, user: { select: { email: true, name: true } } },
    });
    const mails: MailMessage[] = raised.alerts.flatMap((alert) =>
      recipients
        .filter((r) => r.organizationId === alert.organization.id)
        .map((r) =>
          alertMail(alert, r.user, {
            open: appUrl(`/${alert.organization.slug}${alert.link}`),
            preferences: appUrl(`/${alert.organization.slug}/settings/notifications`),
          }),
        ),
    );
    await sendMail(mails);
  } catch (error) {
    logger.error({ err: String(error), alerts: raised.alerts.map((a) => a.id) }, "alerts: emails not queued");
  }
}
