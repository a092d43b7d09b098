import type { Metadata } from "next";
import { PageHeader } from "@/components/dashboard/page-header";
import { IntegrationsBackLink } from "@/components/integrations/integrations-back-link";
import { InboundLog } from "@/components/integrations/inbound-log";
import type { InboundFilters } from "@/lib/api-client/types";
import { requireMembership } from "@/lib/auth/session";
import { listInboundRequestsQuery } from "@/lib/inbound/list-inbound-requests";
import { retentionDays } from "@/lib/maintenance/retention-days";

export const metadata: Metadata = { title: "Inbound log" };

type Props = { params: Promise<{ org: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The log's filters from the page URL, checked with the API's own schema; an unknown value is dropped. */
function filtersFrom(params: Record<string, string | string[] | undefined>): InboundFilters {
  const filters: Record<string, string> = {};
  for (const key of ["source", "outcome", "connection_id"] as const) {
    const parsed = listInboundRequestsQuery.shape[key].safeParse([params[key]].flat()[0]);
    if (parsed.success && parsed.data) filters[key] = parsed.data;
  }
  return filters as InboundFilters;
}

export default async function Page({ params, searchParams }: Props) {
  await requireMembership((await params).org);
  return (
    <>
      <IntegrationsBackLink />
      <PageHeader
        title="Inbound log"
        description={`Every request the AI agent, Cal.com, Varda and Brevo sent to Empfio in the last ${retentionDays()} days, newest first: whether it was verified, what became of it and why.`}
      />
      <InboundLog initial={filtersFrom(await searchParams)} />
    </>
  );
}
