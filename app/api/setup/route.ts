import { errorResponse } from "@/lib/api/error-response";
import { readBody } from "@/lib/api/api-route";
import { checkSameOrigin } from "@/lib/api/authenticate-request";
import { getDb } from "@/lib/db/client";
import { setUpFirstOwner } from "@/lib/organizations/set-up-first-owner";
import { setupSchema } from "@/lib/organizations/setup-schema";

// The one-time setup: open to anyone only while no user exists (a fresh `npm start`), refused after.
export async function POST(req: Request) {
  try {
    checkSameOrigin(req);
    const input = await readBody(req, setupSchema);
    const { organization, user } = await setUpFirstOwner(getDb(), input);
    return Response.json(
      {
        organization: { id: organization.id, name: organization.name, slug: organization.slug },
        owner: { id: user.id, email: user.email },
      },
      { status: 201 },
    );
  } catch (error) {
    return errorResponse(error);
  }
}
