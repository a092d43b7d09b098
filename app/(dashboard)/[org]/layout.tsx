import { Providers } from "@/app/providers";
import { DashboardShell } from "@/components/dashboard/dashboard-shell";
import { InsecureUrlsBanner } from "@/components/dashboard/insecure-urls-banner";
import { requireMembership } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { listMemberships } from "@/lib/organizations/find-organization";

export default async function DashboardLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ org: string }>;
}) {
  const { org } = await params;
  const { user, membership, organization } = await requireMembership(org);
  const memberships = await listMemberships(getDb(), user.id);
  const toOption = (m: (typeof memberships)[number]) => ({
    slug: m.organization.slug,
    name: m.organization.name,
    role: m.role,
  });
  // Providers wrap the shell too: its notification bell reads the API.
  return (
    <Providers org={organization.slug}>
      <DashboardShell
        current={{ slug: organization.slug, name: organization.name, role: membership.role }}
        organizations={memberships.map(toOption)}
        user={{ name: user.name, email: user.email }}
        banner={process.env.WEBHOOK_ALLOW_INSECURE_URLS === "1" ? <InsecureUrlsBanner /> : null}
      >
        {children}
      </DashboardShell>
    </Providers>
  );
}
