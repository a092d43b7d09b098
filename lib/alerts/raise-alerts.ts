import "server-only";
import { randomUUID } from "node:crypto";
import type { Tx } from "@/lib/db/client";
import { AUTO_DISABLE_AFTER } from "@/lib/webhooks/delivery-settings";
import { emitEvent, type EmittedEvent } from "@/lib/webhooks/emit-event";
import type { EventType } from "@/lib/webhooks/event-catalogue";
import type { AlertLevel } from "./alert-levels";
import { describeAlert, type AlertMoment } from "./describe-alert";

export type RaisedAlert = {
  id: string;
  organization: { id: string; slug: string; name: string };
  endpointId: string;
  url: string;
  level: AlertLevel;
  title: string;
  body: string;
  link: string;
};
export type RaisedAlerts = { alerts: RaisedAlert[]; events: EmittedEvent[] };
/** `emit`: also emit the operational event (false when it would be about a delivery of one). */
export type AlertToRaise = AlertMoment & { emit: boolean };

export const NO_ALERTS: RaisedAlerts = { alerts: [], events: [] };

/**
 * Records alerts about one endpoint inside the caller's transaction, each level at most once per
 * episode (the unique key endpoint/level/episode; an episode ends with its "recovered" alert),
 * and emits their operational events to the outbox in the same transaction. What was new is
 * returned for dispatchAlerts (hand-over and email) after commit.
 */
export async function raiseEndpointAlerts(tx: Tx, endpointId: string, moments: AlertToRaise[]): Promise<RaisedAlerts> {
  if (moments.length === 0) return NO_ALERTS;
  const endpoint = await tx.webhookEndpoint.findUnique({
    where: { id: endpointId },
    select: { url: true, organization: { select: { id: true, slug: true, name: true } } },
  });
  if (!endpoint) return NO_ALERTS;
  const episode = await tx.notification.count({ where: { endpointId, level: "recovered" } });
  const raised: RaisedAlerts = { alerts: [], events: [] };
  for (const moment of moments) {
    // Healthy again only ends an episode something was raised in.
    if (moment.level === "recovered") {
      const open = await tx.notification.count({ where: { endpointId, episode, level: { not: "recovered" } } });
      if (open === 0) continue;
    }
    const { title, body } = describeAlert(endpoint.url, moment);
    const link = `/settings/integrations/webhooks/${endpointId}`;
    const id = randomUUID();
    const inserted = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO notifications (id, organization_id, endpoint_id, level, episode, title, body, link)
      VALUES (${id}::uuid, ${endpoint.organization.id}::uuid, ${endpointId}::uuid, ${moment.level}::"AlertLevel",
        ${episode}, ${title}, ${body}, ${link})
      ON CONFLICT (endpoint_id, level, episode) DO NOTHING RETURNING id::text`;
    if (inserted.length === 0) continue;
    raised.alerts.push({
      id,
      organization: endpoint.organization,
      endpointId,
      url: endpoint.url,
      level: moment.level,
      title,
      body,
      link,
    });
    if (moment.emit) {
      const [type, data] = operationalEvent(endpointId, endpoint.url, moment);
      raised.events.push(await emitEvent(tx, endpoint.organization.id, type, data));
    }
  }
  return raised;
}

function operationalEvent(endpointId: string, url: string, m: AlertMoment): [EventType, unknown] {
  const about = { endpoint_id: endpointId, endpoint_url: url };
  const now = new Date().toISOString();
  switch (m.level) {
    case "exhausted":
      return [
        "delivery.exhausted",
        {
          ...about,
          delivery_id: m.deliveryId,
          event_id: m.eventId,
          event_type: m.eventType,
          attempts: m.attempts,
          last_status_code: m.lastStatusCode,
          last_error: m.lastError,
        },
      ];
    case "failing_50":
    case "failing_90":
      return [
        "endpoint.failing",
        {
          ...about,
          threshold_percent: m.level === "failing_50" ? 50 : 90,
          consecutive_failures: m.consecutiveFailures,
          auto_disable_after: AUTO_DISABLE_AFTER,
        },
      ];
    case "disabled":
      return ["endpoint.disabled", { ...about, reason: m.reason, message: m.message, disabled_at: now }];
    case "recovered":
      return ["endpoint.recovered", { ...about, reason: m.reason, recovered_at: now }];
  }
}
