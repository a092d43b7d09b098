import "server-only";
import type { Actor } from "@/lib/api/authenticate-request";
import type { Db, Tx } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import type { Role } from "./team-schemas";

export function listMembers(db: Db, organizationId: string) {
  return db.membership.findMany({
    where: { organizationId },
    include: { user: { select: { id: true, name: true, email: true } } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
}

/** Owners change roles; the last owner cannot be demoted. */
export async function changeMemberRole(db: Db, organizationId: string, actor: Actor, membershipId: string, role: Role) {
  return db.$transaction(async (tx) => {
    const { target, owners } = await lockOwners(tx, organizationId, membershipId);
    if (!isOwner(actor, owners)) throw new AppError("forbidden", "Only an owner can change roles.");
    if (target.role === "owner" && role !== "owner" && owners.length <= 1) {
      throw new AppError("conflict", `${target.user.email} is the last owner: make someone else an owner first.`);
    }
    return tx.membership.update({
      where: { id: target.id },
      data: { role },
      include: { user: { select: { id: true, name: true, email: true } } },
    });
  });
}

/** Owners remove anyone, anyone may leave; the last owner can do neither. */
export async function removeMember(db: Db, organizationId: string, actor: Actor, membershipId: string) {
  await db.$transaction(async (tx) => {
    const { target, owners } = await lockOwners(tx, organizationId, membershipId);
    const leaving = actor.kind === "user" && actor.userId === target.userId;
    if (!leaving && !isOwner(actor, owners)) throw new AppError("forbidden", "Only an owner can remove members.");
    if (target.role === "owner" && owners.length <= 1) {
      throw new AppError(
        "conflict",
        leaving
          ? "You are the last owner: make someone else an owner before you leave."
          : `${target.user.email} is the last owner and cannot be removed.`,
      );
    }
    await tx.membership.delete({ where: { id: target.id } });
  });
}

// Checked against the locked rows, not the role the request was authenticated with a moment ago.
function isOwner(actor: Actor, owners: { user_id: string }[]) {
  return actor.kind === "user" && owners.some((o) => o.user_id === actor.userId);
}

/**
 * The target membership and the owners, with the owners' rows locked, so two owners demoting or
 * removing each other at once cannot leave the organization without one.
 */
async function lockOwners(tx: Tx, organizationId: string, membershipId: string) {
  const owners = await tx.$queryRaw<{ user_id: string }[]>`
    SELECT user_id::text FROM memberships
    WHERE organization_id = ${organizationId}::uuid AND role = 'owner' ORDER BY id FOR UPDATE`;
  const target = await tx.membership.findFirst({
    where: { id: membershipId, organizationId },
    include: { user: { select: { email: true } } },
  });
  if (!target) throw notFound("Member");
  return { target, owners };
}
