import { z } from "zod";
import { apiRoute, readBody } from "@/lib/api/api-route";
import { consumeRateLimit } from "@/lib/rate-limit/consume-rate-limit";
import { emitSample } from "@/lib/webhooks/emit-sample";

const sendSampleSchema = z.object({ event_type: z.string().min(1, "event_type is required") });

export const POST = apiRoute<{ id: string }>({ manage: true }, async ({ req, db, organization, params }) => {
  const { event_type } = await readBody(req, sendSampleSchema);
  await consumeRateLimit(db, `send-sample:${organization.id}`, 30, 60_000, "samples for this organization");
  return Response.json(await emitSample(db, organization.id, event_type, params.id), { status: 202 });
});
