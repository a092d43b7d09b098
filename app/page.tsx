import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { listMemberships } from "@/lib/organizations/find-organization";
import { EmptyState } from "@/components/ui/empty-state";
import { Building2 } from "lucide-react";

export default async function Home() {
  const user = await requireUser();
  const [first] = await listMemberships(getDb(), user.id);
  if (first) redirect(`/${first.organization.slug}`);
  return (
    <main className="mx-auto max-w-lg px-4 py-24">
      <EmptyState icon={Building2} title="You are not a member of any organization yet">
        Ask an owner to add you, or an operator to run <code>npm run admin -- create-org</code>.
      </EmptyState>
    </main>
  );
}
