import type { Metadata } from "next";
import { PageHeader } from "@/components/dashboard/page-header";
import { ApiReference } from "@/components/docs/api-reference";
import { requireMembership } from "@/lib/auth/session";

export const metadata: Metadata = { title: "API reference" };

export default async function Page({ params }: { params: Promise<{ org: string }> }) {
  await requireMembership((await params).org);
  return (
    <>
      <PageHeader
        title="API reference"
        description="The REST API behind this dashboard. Authenticate with an API key from Settings → API keys."
      />
      <ApiReference />
    </>
  );
}
