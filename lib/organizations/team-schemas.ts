import { z } from "zod";
import { emailSchema, passwordSchema, roleSchema } from "./schemas";

export type Role = z.infer<typeof roleSchema>;

const RANK: Record<Role, number> = { member: 1, admin: 2, owner: 3 };

/** The roles someone with `role` may give: their own and those below it. */
export function rolesUpTo(role: Role): Role[] {
  return (["owner", "admin", "member"] as const).filter((r) => RANK[r] <= RANK[role]);
}

export const inviteSchema = z.object({ email: emailSchema, role: roleSchema });
export type InviteInput = z.input<typeof inviteSchema>;

export const changeRoleSchema = z.object({ role: roleSchema });

/** What a new person sets when accepting: the same schema for the form and the route. */
export const newAccountSchema = z.object({
  name: z.string().trim().min(1, "enter your name").max(100, "name must be at most 100 characters"),
  password: passwordSchema,
});

/** The link's token; name and password only when the invitee has no account yet. */
export const acceptInvitationSchema = newAccountSchema.partial().extend({
  token: z.string().min(20, "the invitation link is incomplete").max(100, "the invitation link is not valid"),
});

export const INVITATION_DAYS = 7;
