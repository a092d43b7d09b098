import { z } from "zod";
import { apiRoute, readBody } from "@/lib/api/api-route";
import { recoverFailedDeliveries } from "@/lib/webhooks/redeliver";

const recoverSchema = z.object({ since: z.iso.datetime({ offset: true, message: "since must be an ISO 8601 time" }) });

export const POST = apiRoute<{ id: string }>({ manage: true }, async ({ req, db, organization, params }) => {
  const { since } = await readBody(req, recoverSchema);
  return recoverFailedDeliveries(db, organization.id, params.id, new Date(since));
});
