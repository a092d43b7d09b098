import "server-only";
import { logger } from "@/lib/logger";
import { inSpan } from "@/lib/tracing/tracing";
import type { ClaimedDelivery } from "./claim-deliveries";
import { sendDelivery } from "./send-delivery";
import type { SigningSecrets } from "./sign-payload";

/**
 * A delivery run's attempt: `sendDelivery` inside an `empfio.attempt` span, and one log line with
 * the delivery's and event's ids and what the receiver answered (never its URL or headers, which
 * may carry credentials).
 */
export function sendTracedAttempt(
  endpointId: string,
  url: string,
  secrets: SigningSecrets,
  delivery: ClaimedDelivery,
  headers: Record<string, string>,
) {
  const ids = {
    "empfio.delivery_id": delivery.id,
    "empfio.event_id": delivery.eventId,
    "empfio.event_type": delivery.eventType,
    "empfio.endpoint_id": endpointId,
    "empfio.attempt_number": delivery.attemptNumber,
  };
  return inSpan("empfio.attempt", ids, async (span) => {
    const result = await sendDelivery(url, secrets, delivery, headers);
    const outcome = result.ok ? "succeeded" : (result.error?.kind ?? "http_status");
    span?.setAttributes({
      "empfio.outcome": outcome,
      ...(result.status && { "http.response.status_code": result.status }),
    });
    logger.info(
      {
        delivery_id: delivery.id,
        event_id: delivery.eventId,
        endpoint_id: endpointId,
        attempt: delivery.attemptNumber,
        outcome,
        status: result.status ?? null,
        duration_ms: Math.round(result.durationMs),
      },
      "delivery attempt",
    );
    return result;
  });
}
