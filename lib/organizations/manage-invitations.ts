import "server-only";
import type { Db } from "@/lib/db/client";
import { notFound } from "@/lib/errors";
import { hashInvitationToken } from "./invitation-token";

/** Invitations not yet accepted, revoked or expired, newest first. */
export function listPendingInvitations(db: Db, organizationId: string, now = new Date()) {
  return db.invitation.findMany({
    where: { organizationId, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
    include: { invitedBy: { select: { name: true } } },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
  });
}

export async function revokeInvitation(db: Db, organizationId: string, id: string, now = new Date()) {
  const { count } = await db.invitation.updateMany({
    where: { id, organizationId, acceptedAt: null, revokedAt: null },
    data: { revokedAt: now },
  });
  if (count === 0) throw notFound("Pending invitation");
}

export type InvitationState = "valid" | "used" | "revoked" | "expired";

/** What the invitation page shows for a link's token; null when no invitation has this token. */
export async function describeInvitation(db: Db, token: string, now = new Date()) {
  const invitation = await db.invitation.findUnique({
    where: { tokenHash: hashInvitationToken(token) },
    include: { organization: { select: { name: true, slug: true } }, invitedBy: { select: { name: true } } },
  });
  if (!invitation) return null;
  const account = await db.user.findUnique({ where: { email: invitation.email }, select: { id: true } });
  return {
    state: invitationState(invitation, now),
    email: invitation.email,
    role: invitation.role,
    organization: invitation.organization,
    invitedBy: invitation.invitedBy?.name ?? null,
    expiresAt: invitation.expiresAt,
    accountUserId: account?.id ?? null,
  };
}

export function invitationState(
  i: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date },
  now: Date,
): InvitationState {
  if (i.acceptedAt) return "used";
  if (i.revokedAt) return "revoked";
  return i.expiresAt <= now ? "expired" : "valid";
}

export const INVITATION_PROBLEMS: Record<Exclude<InvitationState, "valid">, string> = {
  used: "This invitation link has already been used. Sign in to reach the organization.",
  revoked: "This invitation was withdrawn. Ask an owner or admin of the organization for a new one.",
  expired: "This invitation link has expired (links last 7 days). Ask an owner or admin for a new one.",
};
