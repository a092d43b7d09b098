import "server-only";
import type { Actor } from "@/lib/api/authenticate-request";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { newInvitationToken } from "./invitation-token";
import { INVITATION_DAYS, rolesUpTo, type Role } from "./team-schemas";

const DAY = 86_400_000;

/**
 * Invites `email` to the organization with `role`, at most the inviter's own. A newer invitation
 * to the same address replaces a pending one. Returns the token for the link: it is not stored.
 */
export async function createInvitation(
  db: Db,
  organization: { id: string; name: string },
  actor: Actor,
  input: { email: string; role: Role },
  now = new Date(),
) {
  const allowed = rolesUpTo(actor.role);
  if (!allowed.includes(input.role)) {
    throw new AppError(
      "forbidden",
      `As ${article(actor.role)} you can invite ${allowed.map((r) => `${r}s`).join(" and ")}, not ${input.role}s.`,
      [{ field: "role", message: `must be ${allowed.join(" or ")}` }],
    );
  }
  const member = await db.membership.findFirst({
    where: { organizationId: organization.id, user: { email: input.email } },
    select: { id: true },
  });
  if (member) {
    throw new AppError("conflict", `${input.email} is already a member of ${organization.name}.`, [
      { field: "email", message: "is already a member" },
    ]);
  }
  const { token, tokenHash } = newInvitationToken();
  const invitation = await db.$transaction(async (tx) => {
    await tx.invitation.updateMany({
      where: { organizationId: organization.id, email: input.email, acceptedAt: null, revokedAt: null },
      data: { revokedAt: now },
    });
    return tx.invitation.create({
      data: {
        organizationId: organization.id,
        email: input.email,
        role: input.role,
        tokenHash,
        invitedById: actor.kind === "user" ? actor.userId : null,
        expiresAt: new Date(now.getTime() + INVITATION_DAYS * DAY),
        createdAt: now,
      },
    });
  });
  return { invitation, token };
}

function article(role: Role) {
  return role === "admin" || role === "owner" ? `an ${role}` : `a ${role}`;
}
