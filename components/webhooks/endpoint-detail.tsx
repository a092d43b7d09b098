"use client";

import { ErrorState } from "@/components/ui/error-state";
import { SkeletonRows } from "@/components/ui/skeleton";
import { useEndpoint } from "@/lib/api-client/use-endpoints";
import { useCanManage } from "@/lib/api-client/use-me";
import { DeliveryChart } from "./delivery-chart";
import { DeliveryLog } from "./delivery-log";
import { EndpointControls } from "./endpoint-controls";
import { EndpointHeader } from "./endpoint-header";
import { RecoverForm } from "./recover-form";
import { SecretSection } from "./secret-section";
import { SendSample } from "./send-sample";
import { Section } from "./section";
import { TestPing } from "./test-ping";

export function EndpointDetail({ id }: { id: string }) {
  const canManage = useCanManage();
  const { data: endpoint, error, isPending, refetch } = useEndpoint(id);
  if (isPending) return <SkeletonRows rows={5} label="Loading endpoint" />;
  if (error) return <ErrorState error={error} what="the endpoint" onRetry={() => void refetch()} />;
  return (
    <div className="space-y-6">
      <EndpointHeader endpoint={endpoint} canManage={canManage} />
      {canManage ? (
        <div className="grid gap-6 lg:grid-cols-2">
          <Section title="Signing secret" description="Verify every request's X-Empfio-Signature with it.">
            <SecretSection endpoint={endpoint} />
          </Section>
          <Section
            title="Test your endpoint"
            description="Send a ping now, or a sample of a real event through the full pipeline with retries."
          >
            <div className="space-y-5">
              <TestPing id={id} />
              <SendSample endpoint={endpoint} />
            </div>
          </Section>
        </div>
      ) : null}
      <Section
        title="Delivery controls"
        description="Set in the endpoint's settings: what every request carries, how fast they go, which events are sent."
      >
        <EndpointControls endpoint={endpoint} />
      </Section>
      <Section title="Deliveries per hour" description="Every delivery to this endpoint by its current outcome.">
        <DeliveryChart id={id} />
      </Section>
      <Section
        title="Delivery log"
        description="Newest first. Open a delivery to see each attempt, the exact request and the response."
        actions={canManage ? <RecoverForm id={id} /> : null}
      >
        <DeliveryLog endpointId={id} />
      </Section>
    </div>
  );
}
