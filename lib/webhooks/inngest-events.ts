// The Inngest event that drives the delivery pipeline (not a customer-facing type).
export const WEBHOOK_DELIVERY_REQUESTED = "empfio/webhook.delivery-requested";

/** `requestId` names one scheduled run of a delivery (first run or a recovery). */
export type DeliveryRequestedData = { deliveryId: string; endpointId: string; requestId: string };

/** A new delivery's first run. Its id, from the delivery's, makes a re-send start it once. */
export function firstRun(delivery: { id: string; endpointId: string }) {
  const data: DeliveryRequestedData = { deliveryId: delivery.id, endpointId: delivery.endpointId, requestId: `first-${delivery.id}` };
  return { id: `delivery-${delivery.id}`, name: WEBHOOK_DELIVERY_REQUESTED, data };
}
