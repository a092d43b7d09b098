import "server-only";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { hashPassword } from "@/lib/auth/password";
import { emailSchema, passwordSchema, slugSchema, slugify } from "./schemas";

export const createOrganizationInput = z.object({
  name: z.string().trim().min(1, "name is required").max(100),
  slug: slugSchema.optional(),
  ownerEmail: emailSchema,
  ownerPassword: passwordSchema,
  ownerName: z.string().trim().min(1).max(100).optional(),
});

export type CreateOrganizationInput = z.input<typeof createOrganizationInput>;

/** Creates an organization and its owner (a new user, or an existing one whose password must match). */
export async function createOrganization(db: Db, input: CreateOrganizationInput) {
  const data = createOrganizationInput.parse(input);
  const slug = data.slug ?? (await uniqueSlug(db, slugify(data.name)));
  const passwordHash = await hashPassword(data.ownerPassword);
  return db.$transaction(async (tx) => {
    const user = await tx.user.upsert({
      where: { email: data.ownerEmail },
      update: {},
      create: { email: data.ownerEmail, name: data.ownerName ?? data.ownerEmail.split("@")[0], passwordHash },
    });
    const organization = await tx.organization.create({ data: { name: data.name, slug } });
    await tx.membership.create({ data: { organizationId: organization.id, userId: user.id, role: "owner" } });
    return { organization, user };
  });
}

async function uniqueSlug(db: Db, base: string): Promise<string> {
  for (let n = 1; n < 1000; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    if (!(await db.organization.findUnique({ where: { slug: candidate }, select: { id: true } }))) return candidate;
  }
  throw new Error("could not find a free slug");
}
