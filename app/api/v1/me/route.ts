import { apiRoute } from "@/lib/api/api-route";
import { canManage } from "@/lib/api/authenticate-request";

export const GET = apiRoute({}, async ({ actor, organization, db }) => {
  const user =
    actor.kind === "user"
      ? await db.user.findUnique({ where: { id: actor.userId }, select: { id: true, name: true, email: true } })
      : null;
  return { user, organization, role: actor.role, can_manage: canManage(actor) };
});
