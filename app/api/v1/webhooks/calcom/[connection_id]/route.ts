import { receiveCalcomWebhook } from "@/lib/inbound/calcom";
import { handleInbound } from "@/lib/inbound/handle-inbound";
import { connectionOrThrow } from "@/lib/inbound/inbound-request";
import { openSecret } from "@/lib/webhooks/endpoint-secrets";

type Params = { params: Promise<{ connection_id: string }> };

// A Cal.com webhook of one organization: verified with the connection's secret, which Cal.com
// must be configured with; the organization is the connection's, whatever the booking says.
export function POST(req: Request, { params }: Params) {
  return handleInbound("calcom", req, async (ctx) => {
    const connection = await connectionOrThrow(ctx.db, ctx.log, "calcom", (await params).connection_id);
    const secret = connection.secretEncrypted && openSecret(connection.secretEncrypted);
    return receiveCalcomWebhook(ctx, req, { id: connection.id, organizationId: connection.organizationId, secret });
  });
}
