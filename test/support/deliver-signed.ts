import { sendWebhookRequest } from "@/lib/webhooks/send-webhook-request";
import { buildSignatureHeaders, type SigningSecrets } from "@/lib/webhooks/sign-payload";
import { startReceiver, type Received } from "./receiver";

/**
 * Signs `body` as a delivery is signed and POSTs it over a real loopback socket; answers what the
 * receiver got (raw body, headers as Node gives them). `timestamp` defaults to now.
 */
export async function deliverSigned(
  body: string,
  secrets: SigningSecrets,
  options: { webhookId?: string; timestamp?: number } = {},
): Promise<Received> {
  const receiver = await startReceiver();
  try {
    const headers = buildSignatureHeaders({
      body,
      webhookId: options.webhookId ?? "5f0c1a9e-7d1b-4c1e-9a51-0e7f4f3f2b10",
      timestamp: options.timestamp ?? Math.floor(Date.now() / 1000),
      secrets,
    });
    const result = await sendWebhookRequest({ url: receiver.url, body, headers, allowInsecure: true });
    if (!result.ok) throw new Error(`the loopback receiver did not take the delivery: ${JSON.stringify(result)}`);
    return receiver.received[0];
  } finally {
    await receiver.close();
  }
}
