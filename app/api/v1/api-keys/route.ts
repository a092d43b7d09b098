import { apiRoute, readBody } from "@/lib/api/api-route";
import { apiKeyJson, createApiKey, createApiKeySchema, listApiKeys } from "@/lib/api-keys/manage-api-keys";

export const GET = apiRoute({}, async ({ db, organization }) => ({
  data: (await listApiKeys(db, organization.id)).map(apiKeyJson),
}));

export const POST = apiRoute({ manage: true, signedIn: true }, async ({ req, db, organization }) => {
  const { apiKey, key } = await createApiKey(db, organization.id, await readBody(req, createApiKeySchema));
  return Response.json({ api_key: apiKeyJson(apiKey), key }, { status: 201 });
});
