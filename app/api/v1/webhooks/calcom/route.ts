import { postCalcomWebhook } from "@/lib/inbound/post-calcom-webhook";

export function POST(req: Request) {
  return postCalcomWebhook(req, null);
}
