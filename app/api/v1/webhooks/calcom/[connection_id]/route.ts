import { postCalcomWebhook } from "@/lib/inbound/post-calcom-webhook";

type Params = { params: Promise<{ connection_id: string }> };

export async function POST(req: Request, { params }: Params) {
  return postCalcomWebhook(req, (await params).connection_id);
}
