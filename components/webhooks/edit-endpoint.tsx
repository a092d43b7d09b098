"use client";

import { useRouter } from "next/navigation";
import { Card } from "@/components/ui/card";
import { ErrorState } from "@/components/ui/error-state";
import { SkeletonRows } from "@/components/ui/skeleton";
import { useOrg } from "@/lib/api-client/org-context";
import { useEndpoint, useUpdateEndpoint } from "@/lib/api-client/use-endpoints";
import { EndpointForm } from "./endpoint-form";
import { webhooksPath } from "./webhook-links";

export function EditEndpoint({ id }: { id: string }) {
  const org = useOrg();
  const router = useRouter();
  const { data, error, isPending, refetch } = useEndpoint(id);
  const update = useUpdateEndpoint(id);
  if (isPending) return <SkeletonRows rows={4} label="Loading endpoint" />;
  if (error) return <ErrorState error={error} what="the endpoint" onRetry={() => void refetch()} />;
  const back = () => router.push(webhooksPath(org, `/${id}`));
  return (
    <Card className="p-5">
      <EndpointForm
        defaultValues={{
          url: data.url,
          description: data.description,
          event_types: data.event_types,
          custom_headers: data.custom_headers,
          rate_limit_per_second: data.rate_limit_per_second,
          filter: data.filter,
        }}
        submitLabel="Save changes"
        busyLabel="Saving…"
        onSubmit={async (values) => {
          await update.mutateAsync(values);
          back();
        }}
        onCancel={back}
      />
    </Card>
  );
}
