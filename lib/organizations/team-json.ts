import "server-only";
import type { MembershipRole } from "@/lib/generated/prisma/enums";

// The JSON shapes of /api/v1/members and /api/v1/invitations (lib/api/response-schemas.ts).
type MemberRow = {
  id: string;
  role: MembershipRole;
  createdAt: Date;
  user: { id: string; name: string; email: string };
};

export function memberJson(m: MemberRow) {
  return {
    id: m.id,
    user_id: m.user.id,
    name: m.user.name,
    email: m.user.email,
    role: m.role,
    joined_at: m.createdAt.toISOString(),
  };
}

type InvitationRow = {
  id: string;
  email: string;
  role: MembershipRole;
  expiresAt: Date;
  createdAt: Date;
  invitedBy?: { name: string } | null;
};

export function invitationJson(i: InvitationRow) {
  return {
    id: i.id,
    email: i.email,
    role: i.role,
    invited_by: i.invitedBy?.name ?? null,
    expires_at: i.expiresAt.toISOString(),
    created_at: i.createdAt.toISOString(),
  };
}

/** The link an invitee follows; it carries the only copy of the token. */
export function invitationLink(baseUrl: string, token: string) {
  return `${baseUrl}/invite/${token}`;
}
