/** The tiers `npm start` can run: the Next.js app, the functions' worker, the embedded executor. */
export const ROLES = ["web", "worker", "executor"] as const;
export type Role = (typeof ROLES)[number];

/**
 * EMPFIO_ROLES (comma-separated) when set; otherwise web and worker, plus the embedded executor
 * when no Inngest server is configured.
 */
export function parseRoles(raw: string | undefined, inngestServerConfigured: boolean): Set<Role> {
  if (!raw?.trim()) return new Set<Role>(inngestServerConfigured ? ["web", "worker"] : ROLES);
  const names = raw.split(",").map((r) => r.trim().toLowerCase());
  const unknown = names.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (unknown.length)
    throw new Error(`EMPFIO_ROLES: unknown role(s) ${unknown.join(", ")}; use any of ${ROLES.join(", ")}`);
  return new Set(names as Role[]);
}
