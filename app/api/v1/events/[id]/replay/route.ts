import { apiRoute, readBody } from "@/lib/api/api-route";
import { replayEvent, replayEventSchema } from "@/lib/webhooks/replay-event";

export const POST = apiRoute<{ id: string }>({ manage: true }, async ({ req, db, organization, params }) => {
  const input = await readBody(req, replayEventSchema);
  return Response.json(await replayEvent(db, organization.id, params.id, input), { status: 202 });
});
