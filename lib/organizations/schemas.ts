import { z } from "zod";

// Every top-level route under app/ (schemas.test.ts checks them), or an organization with that
// slug would lose pages to it: /invite/[token] answers an organization "invite"'s /invite/leads.
export const RESERVED_SLUGS = new Set([
  "api",
  "dev",
  "invite",
  "login",
  "logout",
  "setup",
  "_next",
  "settings",
  "new",
  "admin",
  "docs",
]);

export const slugSchema = z
  .string()
  .min(2, "slug must be at least 2 characters")
  .max(48, "slug must be at most 48 characters")
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "slug may contain lowercase letters, digits and single dashes")
  .refine((s) => !RESERVED_SLUGS.has(s), "this slug is reserved");

export const emailSchema = z.string().trim().toLowerCase().pipe(z.email("must be a valid email address"));
export const passwordSchema = z.string().min(8, "password must be at least 8 characters").max(200);
export const roleSchema = z.enum(["owner", "admin", "member"], "role must be owner, admin or member");

export function slugify(name: string): string {
  const base = name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
  return base.length >= 2 && !RESERVED_SLUGS.has(base) ? base : `org-${base}`.replace(/-+$/, "");
}
