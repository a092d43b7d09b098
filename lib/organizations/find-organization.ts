import "server-only";
import type { Db } from "@/lib/db/client";
import { isUuid } from "@/lib/ids";

/** Looks an organization up by id or slug, as operators type either. */
export function findOrganization(db: Db, idOrSlug: string) {
  return db.organization.findFirst({ where: isUuid(idOrSlug) ? { id: idOrSlug } : { slug: idOrSlug } });
}

/** The organization with this slug, when the user is a member of it; null otherwise. */
export async function findMembershipBySlug(db: Db, userId: string, slug: string) {
  return db.membership.findFirst({
    where: { userId, organization: { slug } },
    include: { organization: true },
  });
}

export function listMemberships(db: Db, userId: string) {
  return db.membership.findMany({
    where: { userId },
    include: { organization: true },
    orderBy: { organization: { name: "asc" } },
  });
}
