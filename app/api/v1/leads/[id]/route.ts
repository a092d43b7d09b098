import { apiRoute, readBody } from "@/lib/api/api-route";
import { notFound } from "@/lib/errors";
import { isUuid } from "@/lib/ids";
import { changeLeadStatus } from "@/lib/records/leads";
import { leadJson, updateLeadSchema } from "@/lib/records/list-records";
import { withEvents } from "@/lib/webhooks/emit-event";

export const PATCH = apiRoute<{ id: string }>({ manage: true }, async ({ req, db, organization, params }) => {
  const { status } = await readBody(req, updateLeadSchema);
  if (!isUuid(params.id)) throw notFound("Lead");
  const { result } = await withEvents(db, (tx, emit) => changeLeadStatus(tx, emit, organization.id, params.id, status));
  if (!result) throw notFound("Lead");
  const lead = await db.lead.findUniqueOrThrow({ where: { id: params.id } });
  return { lead: leadJson(lead), changed: result.changed, previous_status: result.previousStatus };
});
