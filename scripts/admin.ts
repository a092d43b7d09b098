// Operator CLI: `npm run admin -- <command> [--flag value …]`. Prints JSON; bad arguments
// print usage and exit 2; a refused operation (unknown org, duplicate member) exits 1.
import { parseArgs } from "node:util";
import { z } from "zod";
import { createDb } from "@/lib/db/client";
import { addMember, AlreadyMemberError } from "@/lib/organizations/add-member";
import { createOrganization } from "@/lib/organizations/create-organization";
import { findOrganization } from "@/lib/organizations/find-organization";

const USAGE = `Usage: npm run admin -- <command> [options]

Commands:
  create-org  --name NAME --owner-email EMAIL --owner-password PASSWORD [--slug SLUG]
  add-member  --org ORG --email EMAIL --password PASSWORD --role owner|admin|member

ORG is an organization id or slug. DATABASE_URL selects the database.`;

type Flags = Record<string, string | undefined>;

function usage(problem: string): never {
  console.error(`${problem}\n\n${USAGE}`);
  process.exit(2);
}

function required(flags: Flags, names: string[]): void {
  const missing = names.filter((n) => !flags[n]);
  if (missing.length) usage(`Missing ${missing.map((m) => `--${m}`).join(", ")}`);
}

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  let flags: Flags;
  try {
    flags = parseArgs({
      args: rest,
      strict: true,
      options: Object.fromEntries(
        ["name", "slug", "owner-email", "owner-password", "org", "email", "password", "role"].map((n) => [n, { type: "string" as const }]),
      ),
    }).values as Flags;
  } catch (error) {
    usage((error as Error).message);
  }
  if (command !== "create-org" && command !== "add-member") usage(command ? `Unknown command "${command}"` : "No command given");
  if (!process.env.DATABASE_URL) usage("DATABASE_URL is not set");
  if (command === "create-org") required(flags, ["name", "owner-email", "owner-password"]);
  else required(flags, ["org", "email", "password", "role"]);

  const db = createDb(process.env.DATABASE_URL, 2);
  try {
    if (command === "create-org") {
      const { organization, user } = await createOrganization(db, {
        name: flags.name!,
        slug: flags.slug,
        ownerEmail: flags["owner-email"]!,
        ownerPassword: flags["owner-password"]!,
      });
      print({ organization: { id: organization.id, name: organization.name, slug: organization.slug }, owner: { id: user.id, email: user.email } });
    } else {
      const org = await findOrganization(db, flags.org!);
      if (!org) refuse(`No organization with id or slug "${flags.org}"`);
      const { user, membership } = await addMember(db, { organizationId: org.id, email: flags.email!, password: flags.password!, role: flags.role! });
      print({ organization: { id: org.id, slug: org.slug }, user: { id: user.id, email: user.email }, role: membership.role });
    }
  } catch (error) {
    if (error instanceof z.ZodError) usage(error.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("\n"));
    if (error instanceof AlreadyMemberError) refuse(error.message);
    if ((error as { code?: string }).code === "P2002") refuse("That slug is already taken");
    throw error;
  } finally {
    await db.$disconnect();
  }
}

function print(value: unknown) {
  console.log(JSON.stringify(value, null, 2));
}

function refuse(message: string): never {
  console.error(JSON.stringify({ error: message }));
  process.exit(1);
}

void main();
