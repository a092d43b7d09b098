import "server-only";
import { allowInsecureUrls, deliveryTimeoutMs } from "./delivery-settings";
import { sendWebhookRequest, type WebhookRequestResult } from "./send-webhook-request";
import { buildSignatureHeaders, type SigningSecrets } from "./sign-payload";

/** A delivery as it goes out: its id is the `webhook-id`, its payload the exact bytes signed. */
export type OutgoingDelivery = { id: string; eventType: string; payload: string };

/**
 * One signed POST of a delivery to its endpoint's URL, signed with the secrets that sign now,
 * with the endpoint's custom headers (which the attempt log shows redacted).
 */
export function sendDelivery(
  url: string,
  secrets: SigningSecrets,
  delivery: OutgoingDelivery,
  customHeaders: Record<string, string> = {},
): Promise<WebhookRequestResult> {
  const timestamp = Math.floor(Date.now() / 1000);
  const headers = {
    // Reserved names are refused on save; ours come last all the same.
    ...customHeaders,
    "X-Empfio-Event": delivery.eventType,
    ...buildSignatureHeaders({ body: delivery.payload, webhookId: delivery.id, timestamp, secrets }),
  };
  return sendWebhookRequest({
    url,
    body: delivery.payload,
    headers,
    timeoutMs: deliveryTimeoutMs(),
    allowInsecure: allowInsecureUrls(),
    redact: Object.keys(customHeaders),
  });
}

/** What the delivery log keeps as the reason of a failed attempt. */
export function describeFailure(result: WebhookRequestResult): string | null {
  if (result.ok) return null;
  if (result.error) return result.error.message;
  return `HTTP ${result.status}`;
}
