// Names of the Inngest events that drive the delivery pipeline (not the customer-facing types).
export const WEBHOOK_EVENT_CREATED = "empfio/webhook.event-created";
export const WEBHOOK_DELIVERY_REQUESTED = "empfio/webhook.delivery-requested";

export type WebhookEventCreatedData = { eventId: string };
/** `requestId` names one scheduled run of a delivery (first run or a recovery). */
export type DeliveryRequestedData = { deliveryId: string; endpointId: string; requestId: string };
