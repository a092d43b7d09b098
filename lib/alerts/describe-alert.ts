import { AUTO_DISABLE_AFTER } from "@/lib/webhooks/delivery-settings";
import type { AlertLevel } from "./alert-levels";

/** What happened, as the details of one alert. */
export type AlertMoment =
  | {
      level: "exhausted";
      deliveryId: string;
      eventId: string;
      eventType: string;
      attempts: number;
      lastStatusCode: number | null;
      lastError: string | null;
    }
  | { level: "failing_50" | "failing_90"; consecutiveFailures: number }
  | { level: "disabled"; reason: "gone" | "consecutive_failures" | "manual"; message: string }
  | { level: "recovered"; reason: "delivery_succeeded" | "enabled" };

/** The title and body an alert shows in the app and in its email. */
export function describeAlert(url: string, m: AlertMoment): { title: string; body: string } {
  switch (m.level) {
    case "exhausted":
      return {
        title: `Deliveries to ${url} are failing`,
        body: `A ${m.eventType} event could not be delivered after ${m.attempts} attempts${m.lastError ? ` (last: ${m.lastError})` : ""}. Empfio keeps trying new events and disables the endpoint after ${AUTO_DISABLE_AFTER} failed deliveries in a row.`,
      };
    case "failing_50":
    case "failing_90":
      return {
        title: `${url} failed ${m.consecutiveFailures} deliveries in a row`,
        body: `${m.consecutiveFailures} of the ${AUTO_DISABLE_AFTER} failed deliveries in a row after which the endpoint is disabled. Check that it is up and answers with a 2xx.`,
      };
    case "disabled":
      return {
        title: `Endpoint disabled: ${url}`,
        body: `${m.message} No events are sent to it until it is enabled again.`,
      };
    case "recovered":
      return {
        title: `${url} is healthy again`,
        body:
          m.reason === "enabled"
            ? "It was enabled again: new events are delivered to it."
            : "A delivery succeeded after failures: events reach it again.",
      };
  }
}

export const LEVEL_LABELS: Record<AlertLevel, string> = {
  exhausted: "Failing",
  failing_50: "Failing",
  failing_90: "About to be disabled",
  disabled: "Disabled",
  recovered: "Healthy again",
};
