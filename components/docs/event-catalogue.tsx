"use client";

import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { CodeBlock } from "@/components/ui/code-block";
import { ErrorState } from "@/components/ui/error-state";
import { SkeletonRows } from "@/components/ui/skeleton";
import { groupByArea, useEventTypes } from "@/lib/api-client/use-event-types";
import { sampleEnvelope } from "@/components/webhooks/sample-envelope";
import { SchemaView } from "./schema-view";
import { SignatureDocs, type DeliveryTerms } from "./signature-docs";

export function EventCatalogue({ terms }: { terms: DeliveryTerms }) {
  const { data, error, isPending, refetch } = useEventTypes();
  return (
    <div className="space-y-8">
      <SignatureDocs terms={terms} />
      {isPending ? (
        <SkeletonRows rows={5} label="Loading event types" />
      ) : error ? (
        <ErrorState error={error} what="the event catalogue" onRetry={() => void refetch()} />
      ) : (
        groupByArea(data).map(([area, types]) => (
          <section key={area} aria-labelledby={`area-${area}`} className="space-y-3">
            <h2 id={`area-${area}`} className="text-lg font-semibold capitalize">
              {area}
            </h2>
            {types.map((t) => (
              <Card key={t.name} id={t.name} className="scroll-mt-4 space-y-3 p-4">
                <div className="flex flex-wrap items-center gap-2">
                  <h3 className="font-mono text-base font-semibold">{t.name}</h3>
                  {t.addition ? <Badge tone="info">Empfio Webhooks addition</Badge> : null}
                </div>
                <p className="text-sm text-zinc-700 dark:text-zinc-300">{t.description}</p>
                <CodeBlock code={sampleEnvelope(t)} label={`${t.name} sample envelope`} />
                <details>
                  <summary className="cursor-pointer text-sm font-medium text-brand-700 dark:text-brand-100">
                    Schema of data
                  </summary>
                  <div className="mt-2 space-y-3">
                    <SchemaView schema={t.schema} />
                    <CodeBlock code={JSON.stringify(t.schema, null, 2)} label={`${t.name} JSON Schema`} />
                  </div>
                </details>
              </Card>
            ))}
          </section>
        ))
      )}
    </div>
  );
}
