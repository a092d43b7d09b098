import { getServerSession } from "next-auth";
import { errorResponse } from "@/lib/api/error-response";
import { readBody } from "@/lib/api/api-route";
import { checkSameOrigin } from "@/lib/api/authenticate-request";
import { authOptions } from "@/lib/auth/options";
import { getDb } from "@/lib/db/client";
import { acceptInvitation } from "@/lib/organizations/accept-invitation";
import { acceptInvitationSchema } from "@/lib/organizations/team-schemas";

// Authenticated by the link's token, not by a session: the invitee may have no account yet.
// Someone who has one must be signed in as it; the session then proves who joins.
export async function POST(req: Request) {
  try {
    checkSameOrigin(req);
    const input = await readBody(req, acceptInvitationSchema);
    const session = await getServerSession(authOptions);
    const userId = (session?.user as { id?: string } | undefined)?.id ?? null;
    const result = await acceptInvitation(getDb(), input, userId);
    return Response.json({
      organization: result.organization,
      email: result.email,
      role: result.role,
      new_account: result.newAccount,
    });
  } catch (error) {
    return errorResponse(error);
  }
}
