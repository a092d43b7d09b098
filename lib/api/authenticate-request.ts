import "server-only";
import { getServerSession } from "next-auth";
import { verifyApiKey } from "@/lib/api-keys/manage-api-keys";
import { authOptions } from "@/lib/auth/options";
import type { Db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/ids";
import type { MembershipRole } from "@/lib/generated/prisma/enums";

export const ORG_HEADER = "x-empfio-organization";

export type Actor =
  | { kind: "user"; userId: string; role: MembershipRole }
  | { kind: "api_key"; apiKeyId: string; role: "admin" | "member" };

export type ApiAuth = { actor: Actor; organization: { id: string; slug: string; name: string } };

/**
 * `Authorization: Bearer <api key>` (the key's organization), or the session cookie plus the
 * X-Empfio-Organization header naming an organization the user belongs to. Browsers cannot
 * send that header cross-site without a CORS preflight we never grant, so it is also the CSRF
 * guard; mutations additionally need a same-origin Origin when one is sent.
 */
export async function authenticateRequest(db: Db, req: Request): Promise<ApiAuth> {
  const authorization = req.headers.get("authorization");
  if (authorization) {
    const match = authorization.match(/^Bearer\s+(\S+)$/i);
    const apiKey = match ? await verifyApiKey(db, match[1]) : null;
    if (!apiKey)
      throw new AppError("unauthorized", "Invalid or revoked API key. Send `Authorization: Bearer <api key>`.");
    const { id, slug, name } = apiKey.organization;
    // A manage key writes as an admin would; a read-only key reads as a member.
    const role = apiKey.scope === "manage" ? "admin" : "member";
    return { actor: { kind: "api_key", apiKeyId: apiKey.id, role }, organization: { id, slug, name } };
  }
  const session = await getServerSession(authOptions);
  const userId = (session?.user as { id?: string } | undefined)?.id;
  if (!userId) throw new AppError("unauthorized", "Sign in, or send `Authorization: Bearer <api key>`.");
  const orgRef = req.headers.get(ORG_HEADER);
  if (!orgRef) throw new AppError("bad_request", `Send the ${ORG_HEADER} header with the organization's slug.`);
  if (req.method !== "GET" && req.method !== "HEAD") checkSameOrigin(req);
  const membership = await db.membership.findFirst({
    where: { userId, organization: isUuid(orgRef) ? { id: orgRef } : { slug: orgRef } },
    include: { organization: true },
  });
  if (!membership) throw new AppError("not_found", "Organization not found");
  const { id, slug, name } = membership.organization;
  return { actor: { kind: "user", userId, role: membership.role }, organization: { id, slug, name } };
}

export function checkSameOrigin(req: Request) {
  const origin = req.headers.get("origin");
  if (!origin) return;
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  // URL.parse: an opaque `Origin: null` (a sandboxed frame, a file) is refused like any other site.
  if (!host || URL.parse(origin)?.host !== host) throw new AppError("forbidden", "Cross-site request refused.");
}

export function canManage(actor: Actor): boolean {
  return actor.role === "owner" || actor.role === "admin";
}
