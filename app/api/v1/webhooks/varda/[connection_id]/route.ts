import { postVardaWebhook } from "@/lib/inbound/post-varda-webhook";

type Params = { params: Promise<{ connection_id: string }> };

export async function POST(req: Request, { params }: Params) {
  return postVardaWebhook(req, (await params).connection_id);
}
