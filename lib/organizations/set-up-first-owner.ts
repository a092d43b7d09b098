import "server-only";
import type { Db } from "@/lib/db/client";
import { hashPassword } from "@/lib/auth/password";
import { AppError } from "@/lib/errors";
import { slugify } from "./schemas";
import { setupSchema, type SetupInput } from "./setup-schema";
import { isSetupToken } from "./setup-token";

const SETUP_DONE = "Empfio is already set up: sign in, or ask an owner for an invitation.";

/** True while the database has no user at all: only then does the setup page exist. */
export async function needsSetup(db: Db): Promise<boolean> {
  return (await db.user.findFirst({ select: { id: true } })) === null;
}

/**
 * Creates the first organization and its owner, only while no user exists. Setups racing each
 * other take one transaction-scoped advisory lock and check again under it, so one owner wins
 * and the others are refused (404, as the page itself answers once set up).
 */
export async function setUpFirstOwner(db: Db, input: SetupInput) {
  const data = setupSchema.parse(input);
  if (!(await needsSetup(db))) throw new AppError("not_found", SETUP_DONE);
  if (!isSetupToken(data.token))
    throw new AppError("forbidden", "This setup link is not valid: open the one printed where Empfio was started.");
  const passwordHash = await hashPassword(data.password);
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended('empfio:first-owner', 0))`;
    if (await tx.user.findFirst({ select: { id: true } })) throw new AppError("not_found", SETUP_DONE);
    const user = await tx.user.create({ data: { email: data.email, name: data.name, passwordHash } });
    const organization = await tx.organization.create({
      data: { name: data.organization_name, slug: slugify(data.organization_name) },
    });
    await tx.membership.create({ data: { organizationId: organization.id, userId: user.id, role: "owner" } });
    return { organization, user };
  });
}
