import "server-only";
import type { Actor } from "@/lib/api/authenticate-request";
import type { Db } from "@/lib/db/client";
import { logger } from "@/lib/logger";
import { sendMail } from "@/lib/mail/send-mail";
import { createInvitation } from "./create-invitation";
import { invitationMail } from "./invitation-mail";
import { invitationLink } from "./team-json";
import type { Role } from "./team-schemas";

/**
 * Creates the invitation, then emails its link (queued, durable, after the commit). The link is
 * also returned for the inviter to copy; if the mail cannot even be queued, the invitation stands
 * and `emailed` says so, so the inviter sends the link themselves.
 */
export async function inviteMember(
  db: Db,
  organization: { id: string; name: string },
  actor: Actor,
  input: { email: string; role: Role },
  baseUrl: string,
) {
  const { invitation, token } = await createInvitation(db, organization, actor, input);
  const link = invitationLink(baseUrl, token);
  const inviter =
    actor.kind === "user" ? await db.user.findUnique({ where: { id: actor.userId }, select: { name: true } }) : null;
  let emailed = true;
  try {
    await sendMail(
      invitationMail({
        to: invitation.email,
        organizationName: organization.name,
        role: invitation.role,
        invitedBy: inviter?.name ?? null,
        link,
        expiresAt: invitation.expiresAt,
      }),
    );
  } catch (error) {
    emailed = false;
    logger.warn({ invitationId: invitation.id, err: (error as Error).message }, "invitation email not queued");
  }
  return { invitation: { ...invitation, invitedBy: inviter }, link, emailed };
}
