import { apiRoute, readBody } from "@/lib/api/api-route";
import { endpointJson } from "@/lib/api/serializers";
import { updateEndpointSchema } from "@/lib/webhooks/endpoint-schemas";
import { endpointStats } from "@/lib/webhooks/endpoint-stats";
import { deleteEndpoint, getEndpoint, updateEndpoint } from "@/lib/webhooks/manage-endpoints";

type Params = { id: string };

export const GET = apiRoute<Params>({}, async ({ db, organization, params }) => {
  const endpoint = await getEndpoint(db, organization.id, params.id);
  const stats = await endpointStats(db, organization.id);
  return { endpoint: endpointJson(endpoint, stats.get(endpoint.id)) };
});

export const PATCH = apiRoute<Params>({ manage: true }, async ({ req, db, organization, params, actor }) => {
  const input = await readBody(req, updateEndpointSchema);
  return { endpoint: endpointJson(await updateEndpoint(db, organization.id, params.id, input, actor)) };
});

export const DELETE = apiRoute<Params>({ manage: true }, async ({ db, organization, params }) => {
  await deleteEndpoint(db, organization.id, params.id);
  return new Response(null, { status: 204 });
});
