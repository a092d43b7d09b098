// Operator CLI: `npm run admin -- <command> [--flag value …]`. Prints JSON; bad arguments
// print usage and exit 2; a refused operation (unknown org, duplicate member) exits 1.
import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { apiKeyJson, createApiKey } from "@/lib/api-keys/manage-api-keys";
import { loadOrCreateInngestKeys } from "@/lib/config/inngest-keys";
import { createDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { addMember, AlreadyMemberError } from "@/lib/organizations/add-member";
import { createOrganization } from "@/lib/organizations/create-organization";
import { findOrganization } from "@/lib/organizations/find-organization";
import { pruneExpiredRows } from "@/lib/maintenance/prune-expired-rows";
import { pruneOldRows } from "@/lib/maintenance/prune-old-rows";
import { retentionDays } from "@/lib/maintenance/retention-days";
import { emitSample } from "@/lib/webhooks/emit-sample";
import { installInngestDeliveryRuns } from "@/inngest/install-delivery-runs";
import { installInngestMailQueue } from "@/inngest/install-mail-queue";

// emit-sample hands deliveries over; when Inngest is unreachable from here, the sweep starts them.
installInngestDeliveryRuns();
installInngestMailQueue();

const COMMANDS: Record<string, string[]> = {
  "create-org": ["name", "owner-email", "owner-password"],
  "add-member": ["org", "email", "password", "role"],
  "create-api-key": ["org", "name", "scope"],
  "emit-sample": ["org", "type"],
  prune: [],
};

const USAGE = `Usage: npm run admin -- <command> [options]

Commands:
  create-org  --name NAME --owner-email EMAIL --owner-password PASSWORD [--slug SLUG]
  add-member  --org ORG --email EMAIL --password PASSWORD --role owner|admin|member
  create-api-key --org ORG --name NAME --scope read_only|manage
  emit-sample --org ORG --type EVENT_TYPE [--endpoint ENDPOINT_ID]
  prune       [--days N]   delete what is older than N days (default RETENTION_DAYS, 30) now

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
        [
          "name",
          "slug",
          "owner-email",
          "owner-password",
          "org",
          "email",
          "password",
          "role",
          "type",
          "endpoint",
          "days",
        ].map((n) => [n, { type: "string" as const }]),
      ),
    }).values as Flags;
  } catch (error) {
    usage((error as Error).message);
  }
  if (!command || !COMMANDS[command]) usage(command ? `Unknown command "${command}"` : "No command given");
  if (!process.env.DATABASE_URL) usage("DATABASE_URL is not set");
  required(flags, COMMANDS[command]);
  // Without an Inngest server configured, events go to the local embedded executor with the
  // keys `npm start` keeps in .data; if it is not running, the event waits in the outbox and the
  // sweeper sends it later.
  if (!process.env.INNGEST_BASE_URL && !process.env.INNGEST_SIGNING_KEY) {
    Object.assign(process.env, loadOrCreateInngestKeys(path.resolve(process.env.EMPFIO_DATA_DIR ?? ".data")));
    process.env.INNGEST_BASE_URL = `http://127.0.0.1:${process.env.INNGEST_EXECUTOR_PORT ?? 8288}`;
  }

  const db = createDb(process.env.DATABASE_URL, 2);
  try {
    if (command === "prune") {
      const days = retentionDaysOf(flags);
      const { pruned } = await pruneOldRows(db, { days });
      print({ retention_days: days, pruned, expired: await pruneExpiredRows(db) });
    } else if (command === "create-org") {
      const { organization, user } = await createOrganization(db, {
        name: flags.name!,
        slug: flags.slug,
        ownerEmail: flags["owner-email"]!,
        ownerPassword: flags["owner-password"]!,
      });
      print({
        organization: { id: organization.id, name: organization.name, slug: organization.slug },
        owner: { id: user.id, email: user.email },
      });
    } else {
      const org = await findOrganization(db, flags.org!);
      if (!org) refuse(`No organization with id or slug "${flags.org}"`);
      if (command === "add-member") {
        const { user, membership } = await addMember(db, {
          organizationId: org.id,
          email: flags.email!,
          password: flags.password!,
          role: flags.role!,
        });
        print({
          organization: { id: org.id, slug: org.slug },
          user: { id: user.id, email: user.email },
          role: membership.role,
        });
      } else if (command === "create-api-key") {
        const { apiKey, key } = await createApiKey(db, org.id, { name: flags.name, scope: flags.scope });
        print({ organization: { id: org.id, slug: org.slug }, api_key: apiKeyJson(apiKey), key });
      } else {
        print({
          organization: { id: org.id, slug: org.slug },
          ...(await emitSample(db, org.id, flags.type!, flags.endpoint)),
        });
      }
    }
  } catch (error) {
    if (error instanceof z.ZodError)
      usage(error.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("\n"));
    if (error instanceof AlreadyMemberError) refuse(error.message);
    if (error instanceof AppError && error.status === 422) usage(error.message);
    if (error instanceof AppError) refuse(error.message);
    if ((error as { code?: string }).code === "P2002") refuse("That slug is already taken");
    throw error;
  } finally {
    await db.$disconnect();
  }
}

function retentionDaysOf(flags: Flags): number {
  try {
    return retentionDays({ RETENTION_DAYS: flags.days ?? process.env.RETENTION_DAYS });
  } catch (error) {
    usage((error as Error).message);
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
