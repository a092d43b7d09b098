import { receiveCalcomWebhook } from "@/lib/inbound/calcom";
import { handleInbound } from "@/lib/inbound/handle-inbound";

export function POST(req: Request) {
  return handleInbound("calcom", req, (ctx) => receiveCalcomWebhook(ctx, req, null));
}
