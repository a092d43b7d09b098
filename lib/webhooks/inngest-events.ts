// The Inngest events that drive the delivery pipeline (not customer-facing types).
export const WEBHOOK_DELIVERY_REQUESTED = "empfio/webhook.delivery-requested";
/** Sent by releases before the fan-out moved into the emit; only the legacy fan-out handles it. */
export const LEGACY_WEBHOOK_EVENT_CREATED = "empfio/webhook.event-created";
export type LegacyWebhookEventCreatedData = { eventId: string };

/** `requestId` names one scheduled run of a delivery (first run or a recovery). */
export type DeliveryRequestedData = { deliveryId: string; endpointId: string; requestId: string };

/** A new delivery's first run. Its id, from the delivery's, makes a re-send start it once. */
export function firstRun(delivery: { id: string; endpointId: string }) {
  const data: DeliveryRequestedData = {
    deliveryId: delivery.id,
    endpointId: delivery.endpointId,
    requestId: `first-${delivery.id}`,
  };
  return { id: `delivery-${delivery.id}`, name: WEBHOOK_DELIVERY_REQUESTED, data };
}
