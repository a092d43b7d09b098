import "server-only";
import type { Tx } from "@/lib/db/client";
import { OPERATIONAL_EVENT_TYPES } from "@/lib/webhooks/event-catalogue";
import type { AttemptRecord } from "@/lib/webhooks/record-attempts";
import { describeFailure } from "@/lib/webhooks/send-delivery";
import { alertLevels, type HealthTransition } from "./alert-levels";
import { NO_ALERTS, raiseEndpointAlerts, type AlertToRaise, type RaisedAlerts } from "./raise-alerts";

/**
 * The alerts a batch of attempts raised, inside recordAttempts' transaction (only on a health
 * transition: the fast path of a healthy endpoint never comes here). A failure alert's
 * operational event is not emitted when the deliveries that caused it were all of operational
 * events, so an endpoint subscribed to them cannot feed itself while it fails.
 */
export async function raiseHealthAlerts(
  tx: Tx,
  endpointId: string,
  transition: HealthTransition,
  records: AttemptRecord[],
): Promise<RaisedAlerts> {
  const levels = alertLevels(transition);
  if (levels.length === 0) return NO_ALERTS;
  const causes = records.filter((r) => r.decision.health === "count" || r.decision.health === "gone");
  const deliveries = await tx.webhookDelivery.findMany({
    where: { id: { in: causes.map((r) => r.deliveryId) } },
    select: { id: true, eventId: true, eventType: true },
  });
  const byId = new Map(deliveries.map((d) => [d.id, d]));
  const operational = (deliveryId: string) =>
    OPERATIONAL_EVENT_TYPES.includes(byId.get(deliveryId)?.eventType as never);
  const emitFailure = causes.some((r) => !operational(r.deliveryId));
  const { after } = transition;
  const moments: AlertToRaise[] = levels.flatMap((level): AlertToRaise[] => {
    switch (level) {
      case "exhausted": {
        const first = records.find((r) => r.decision.exhausted)!;
        const delivery = byId.get(first.deliveryId);
        if (!delivery) return [];
        return [
          {
            level,
            deliveryId: delivery.id,
            eventId: delivery.eventId,
            eventType: delivery.eventType,
            attempts: first.attemptNumber,
            lastStatusCode: first.result.status ?? null,
            lastError: describeFailure(first.result),
            emit: !operational(first.deliveryId),
          },
        ];
      }
      case "failing_50":
      case "failing_90":
        return [{ level, consecutiveFailures: after.consecutiveFailures, emit: emitFailure }];
      case "disabled":
        return [
          {
            level,
            reason: transition.disabledNow === "gone" ? "gone" : "consecutive_failures",
            message: after.disabledReason ?? "Disabled.",
            emit: emitFailure,
          },
        ];
      case "recovered":
        return [{ level, reason: "delivery_succeeded", emit: true }];
    }
  });
  return raiseEndpointAlerts(tx, endpointId, moments);
}
