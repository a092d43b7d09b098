import { apiRoute, readBody } from "@/lib/api/api-route";
import { endpointJson } from "@/lib/api/serializers";
import { consumeRateLimit } from "@/lib/rate-limit/consume-rate-limit";
import { createEndpointSchema } from "@/lib/webhooks/endpoint-schemas";
import { endpointStats } from "@/lib/webhooks/endpoint-stats";
import { createEndpoint, listEndpoints } from "@/lib/webhooks/manage-endpoints";
import { sendTestPing } from "@/lib/webhooks/send-test-ping";

export const GET = apiRoute({}, async ({ db, organization }) => {
  const [endpoints, stats] = await Promise.all([
    listEndpoints(db, organization.id),
    endpointStats(db, organization.id),
  ]);
  return { data: endpoints.map((e) => endpointJson(e, stats.get(e.id))) };
});

// Saving sends a test ping at once, as the seed's setup flow says; the secret is shown this once.
export const POST = apiRoute({ manage: true }, async ({ req, db, organization }) => {
  const input = await readBody(req, createEndpointSchema);
  await consumeRateLimit(db, `endpoint-create:${organization.id}`, 20, 60_000, "new endpoints for this organization");
  const { endpoint, secret } = await createEndpoint(db, organization.id, input);
  const testPing = await sendTestPing(db, endpoint);
  return Response.json({ endpoint: endpointJson(endpoint), secret, test_ping: testPing }, { status: 201 });
});
