import "server-only";
import type { z } from "zod";
import { hashPassword } from "@/lib/auth/password";
import type { Db } from "@/lib/db/client";
import { AppError, validationError } from "@/lib/errors";
import { hashInvitationToken } from "./invitation-token";
import { INVITATION_PROBLEMS, invitationState } from "./manage-invitations";
import type { acceptInvitationSchema } from "./team-schemas";

type AcceptInput = z.output<typeof acceptInvitationSchema>;

/**
 * Accepts an invitation by its link's token. Someone new sets a name and password and gets an
 * account; someone who has an account must be signed in as it (`signedInUserId`). The link is
 * used up in the same transaction that adds the membership, so it works exactly once.
 */
export async function acceptInvitation(db: Db, input: AcceptInput, signedInUserId: string | null, now = new Date()) {
  const invitation = await db.invitation.findUnique({
    where: { tokenHash: hashInvitationToken(input.token) },
    include: { organization: { select: { id: true, name: true, slug: true } } },
  });
  if (!invitation)
    throw new AppError("not_found", "This invitation link is not valid. Check that you copied all of it.");
  const state = invitationState(invitation, now);
  if (state !== "valid") throw new AppError("gone", INVITATION_PROBLEMS[state]);

  const existing = await db.user.findUnique({ where: { email: invitation.email } });
  if (existing && existing.id !== signedInUserId) {
    throw new AppError(
      "unauthorized",
      `You already have an Empfio account as ${invitation.email}: sign in with it, then open this link again.`,
    );
  }
  if (!existing) {
    const missing = [
      ...(input.name ? [] : [{ field: "name", message: "enter your name" }]),
      ...(input.password ? [] : [{ field: "password", message: "choose a password of at least 8 characters" }]),
    ];
    if (missing.length) throw validationError(missing);
  }
  const passwordHash = existing ? null : await hashPassword(input.password!);

  return db.$transaction(async (tx) => {
    const { count } = await tx.invitation.updateMany({
      where: { id: invitation.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
      data: { acceptedAt: now },
    });
    if (count === 0) throw new AppError("gone", INVITATION_PROBLEMS.used);
    const user =
      existing ??
      (await tx.user.create({ data: { email: invitation.email, name: input.name!, passwordHash: passwordHash! } }));
    const member = await tx.membership.findUnique({
      where: { organizationId_userId: { organizationId: invitation.organizationId, userId: user.id } },
    });
    if (member) throw new AppError("conflict", `You are already a member of ${invitation.organization.name}.`);
    await tx.membership.create({
      data: { organizationId: invitation.organizationId, userId: user.id, role: invitation.role },
    });
    return { organization: invitation.organization, email: user.email, role: invitation.role, newAccount: !existing };
  });
}
