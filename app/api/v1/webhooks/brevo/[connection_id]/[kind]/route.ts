import { postBrevoWebhook } from "@/lib/inbound/post-brevo-webhook";

type Params = { params: Promise<{ connection_id: string; kind: string }> };

export async function POST(req: Request, { params }: Params) {
  const { connection_id, kind } = await params;
  return postBrevoWebhook(req, connection_id, kind);
}
