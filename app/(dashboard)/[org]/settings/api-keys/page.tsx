import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/dashboard/page-header";
import { ApiKeyList } from "@/components/api-keys/api-key-list";
import { requireMembership } from "@/lib/auth/session";

export const metadata: Metadata = { title: "API keys" };

export default async function Page({ params }: { params: Promise<{ org: string }> }) {
  const { organization } = await requireMembership((await params).org);
  return (
    <>
      <PageHeader
        title="API keys"
        description="Keys for programmatic access to the Empfio API. A read-only key reads this organization's data; a manage key also changes it."
      />
      <p className="mb-4 text-sm">
        <Link
          href={`/${organization.slug}/docs/api`}
          className="font-medium text-brand-700 underline dark:text-brand-100"
        >
          Read the API reference
        </Link>
      </p>
      <ApiKeyList />
    </>
  );
}
