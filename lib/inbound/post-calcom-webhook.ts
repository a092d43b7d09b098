import "server-only";
import { openSecret } from "@/lib/webhooks/endpoint-secrets";
import { receiveCalcomWebhook } from "./calcom";
import { handleInbound } from "./handle-inbound";
import { connectionOrThrow } from "./inbound-request";

/**
 * POST /api/v1/webhooks/calcom (`connectionId` null: the platform's own, signed Cal.com account)
 * and /api/v1/webhooks/calcom/[connection_id]: a Cal.com webhook of one organization, verified
 * with the connection's secret, which Cal.com must be configured with; the organization is the
 * connection's, whatever the booking says.
 */
export function postCalcomWebhook(req: Request, connectionId: string | null): Promise<Response> {
  return handleInbound("calcom", req, async (ctx) => {
    if (connectionId === null) return receiveCalcomWebhook(ctx, req, null);
    const connection = await connectionOrThrow(ctx.db, ctx.log, "calcom", connectionId);
    const secret = connection.secretEncrypted && openSecret(connection.secretEncrypted);
    return receiveCalcomWebhook(ctx, req, { id: connection.id, organizationId: connection.organizationId, secret });
  });
}
