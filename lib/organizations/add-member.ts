import "server-only";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { hashPassword } from "@/lib/auth/password";
import { emailSchema, passwordSchema, roleSchema } from "./schemas";

export const addMemberInput = z.object({
  organizationId: z.uuid(),
  email: emailSchema,
  password: passwordSchema,
  role: roleSchema,
  name: z.string().trim().min(1).max(100).optional(),
});

// The role arrives as free text from the CLI and forms; the schema rejects anything else.
export type AddMemberInput = Omit<z.input<typeof addMemberInput>, "role"> & { role: string };

export class AlreadyMemberError extends Error {}

/** Adds a user (created if new) to an organization with a role. */
export async function addMember(db: Db, input: AddMemberInput) {
  const data = addMemberInput.parse(input);
  const passwordHash = await hashPassword(data.password);
  return db.$transaction(async (tx) => {
    const user = await tx.user.upsert({
      where: { email: data.email },
      update: {},
      create: { email: data.email, name: data.name ?? data.email.split("@")[0], passwordHash },
    });
    const existing = await tx.membership.findUnique({
      where: { organizationId_userId: { organizationId: data.organizationId, userId: user.id } },
    });
    if (existing) throw new AlreadyMemberError(`${data.email} is already a member of this organization`);
    const membership = await tx.membership.create({
      data: { organizationId: data.organizationId, userId: user.id, role: data.role },
    });
    return { user, membership };
  });
}
