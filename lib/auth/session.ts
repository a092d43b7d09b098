import "server-only";
import { getServerSession } from "next-auth";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/lib/db/client";
import { findMembershipBySlug } from "@/lib/organizations/find-organization";
import { authOptions } from "./options";

export type SessionUser = { id: string; email: string; name: string };

export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const session = await getServerSession(authOptions);
  const user = session?.user as { id?: string; email?: string | null; name?: string | null } | undefined;
  if (!user?.id) return null;
  // A deleted user's token must not keep working.
  const row = await getDb().user.findUnique({ where: { id: user.id }, select: { id: true, email: true, name: true } });
  return row;
});

export async function requireUser(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect("/login");
  return user;
}

/** The signed-in user's membership of the organization in the URL; a non-member gets a 404. */
export const requireMembership = cache(async (slug: string) => {
  const user = await requireUser();
  const membership = await findMembershipBySlug(getDb(), user.id, slug);
  if (!membership) notFound();
  return { user, membership, organization: membership.organization };
});
