import { apiRoute, readBody } from "@/lib/api/api-route";
import {
  connectionJson,
  createConnection,
  createConnectionSchema,
  listConnections,
  publicBaseUrl,
} from "@/lib/integrations/connections";

export const GET = apiRoute({}, async ({ req, db, organization }) => {
  const baseUrl = publicBaseUrl(req);
  return { data: (await listConnections(db, organization.id)).map((c) => connectionJson(c, baseUrl)) };
});

// A generated secret or token is in this response only; it is stored sealed and never shown again.
export const POST = apiRoute({ manage: true }, async ({ req, db, organization }) => {
  const input = await readBody(req, createConnectionSchema);
  const { connection, credentials } = await createConnection(db, organization.id, input);
  return Response.json({ ...connectionJson(connection, publicBaseUrl(req)), credentials }, { status: 201 });
});
