/**
 * The tiers `npm start` can run: the Next.js app, the inbound webhooks' ingest tier, the
 * functions' worker, the embedded executor.
 */
export const ROLES = ["web", "ingest", "worker", "executor"] as const;
export type Role = (typeof ROLES)[number];

/**
 * EMPFIO_ROLES (comma-separated) when set; otherwise web, ingest and worker, plus the embedded
 * executor when no Inngest server is configured. `npm run dev` runs no ingest tier by default:
 * `next dev` serves the inbound webhooks itself.
 */
export function parseRoles(
  raw: string | undefined,
  inngestServerConfigured: boolean,
  mode: "dev" | "start" = "start",
): Set<Role> {
  if (!raw?.trim())
    return new Set<Role>(
      ROLES.filter((r) => (r !== "executor" || !inngestServerConfigured) && (r !== "ingest" || mode === "start")),
    );
  const names = raw.split(",").map((r) => r.trim().toLowerCase());
  const unknown = names.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (unknown.length)
    throw new Error(`EMPFIO_ROLES: unknown role(s) ${unknown.join(", ")}; use any of ${ROLES.join(", ")}`);
  return new Set(names as Role[]);
}
