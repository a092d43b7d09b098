import { appendFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { createDb } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/apply-migrations";
import { addMember } from "@/lib/organizations/add-member";
import { createOrganization } from "@/lib/organizations/create-organization";
import { startSmtpInbox } from "@/test/support/smtp-inbox";
import { MEMBER, OUTSIDER, OWNER } from "./fixtures";
import { E2E_SMTP_URL, MAIL_LOG } from "./mail";

/** Seeds the e2e database and starts the run's SMTP server; returns its teardown. */
export default async function globalSetup() {
  mkdirSync(path.dirname(MAIL_LOG), { recursive: true });
  const smtp = await startSmtpInbox({
    port: Number(new URL(E2E_SMTP_URL).port),
    onMail: (mail) => appendFileSync(MAIL_LOG, `${JSON.stringify(mail)}\n`),
  });
  try {
    await seed(process.env.E2E_DATABASE_URL!);
  } catch (error) {
    await smtp.close();
    throw error;
  }
  return () => smtp.close();
}

async function seed(url: string) {
  await applyMigrations(url);
  const db = createDb(url, 2);
  try {
    if (await db.organization.findUnique({ where: { slug: OWNER.org } })) return;
    const { organization } = await createOrganization(db, {
      name: "E2E Salon",
      slug: OWNER.org,
      ownerEmail: OWNER.email,
      ownerPassword: OWNER.password,
      ownerName: "Olivia Owner",
    });
    await addMember(db, {
      organizationId: organization.id,
      email: MEMBER.email,
      password: MEMBER.password,
      role: "member",
      name: "Max Member",
    });
    await createOrganization(db, {
      name: "Other Salon",
      slug: OUTSIDER.org,
      ownerEmail: OUTSIDER.email,
      ownerPassword: OUTSIDER.password,
      ownerName: "Otto Outsider",
    });
  } finally {
    await db.$disconnect();
  }
}
