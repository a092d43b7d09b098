import { createDb } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/apply-migrations";
import { addMember } from "@/lib/organizations/add-member";
import { createOrganization } from "@/lib/organizations/create-organization";
import { MEMBER, OUTSIDER, OWNER } from "./fixtures";

export default async function globalSetup() {
  const url = process.env.E2E_DATABASE_URL!;
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
