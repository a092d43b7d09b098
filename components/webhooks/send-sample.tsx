"use client";

import { FlaskConical } from "lucide-react";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CodeBlock } from "@/components/ui/code-block";
import { NativeSelect } from "@/components/ui/native-select";
import { useToast } from "@/components/ui/toaster";
import { errorMessage } from "@/lib/api-client/fetch-json";
import { useSendSample } from "@/lib/api-client/use-endpoint-actions";
import { useEventTypes } from "@/lib/api-client/use-event-types";
import type { Endpoint } from "@/lib/api-client/types";
import { sampleEnvelope, subscribable } from "./sample-envelope";

/** Pick an event type, see the payload it will carry, and send it through the real pipeline. */
export function SendSample({ endpoint }: { endpoint: Endpoint }) {
  const { data: types } = useEventTypes();
  const send = useSendSample(endpoint.id);
  const notify = useToast();
  const options = subscribable(types ?? []);
  const [picked, setPicked] = useState<string>("");
  const name = picked || endpoint.event_types[0] || options[0]?.name || "";
  const type = options.find((t) => t.name === name);
  return (
    <div className="space-y-3">
      <div className="flex flex-col gap-2 sm:flex-row sm:items-end">
        <div className="flex-1 space-y-1.5">
          <label htmlFor="sample-type" className="block text-sm font-medium">
            Sample event
          </label>
          <NativeSelect id="sample-type" value={name} onChange={(e) => setPicked(e.target.value)} disabled={!types}>
            {options.map((t) => (
              <option key={t.name} value={t.name}>
                {t.name}
              </option>
            ))}
          </NativeSelect>
        </div>
        <Button
          variant="secondary"
          disabled={!type || send.isPending}
          onClick={() =>
            send.mutate(name, {
              onSuccess: ({ event_id }) =>
                notify({
                  tone: "success",
                  title: `Sample ${name} queued`,
                  description: `Event ${event_id}. Watch it in the delivery log below.`,
                }),
            })
          }
        >
          <FlaskConical aria-hidden className="size-4" /> {send.isPending ? "Sending…" : "Send sample event"}
        </Button>
      </div>
      {type && !endpoint.event_types.includes(type.name) ? (
        <p className="text-xs text-zinc-600 dark:text-zinc-400">
          This endpoint is not subscribed to {type.name}; the sample is sent to it anyway.
        </p>
      ) : null}
      {send.error ? (
        <Alert tone="danger" role="alert">
          {errorMessage(send.error)}
        </Alert>
      ) : null}
      {type ? (
        <details>
          <summary className="cursor-pointer text-sm font-medium text-brand-700 dark:text-brand-100">
            Payload it will send
          </summary>
          <CodeBlock code={sampleEnvelope(type)} label={`${type.name} sample payload`} className="mt-2" />
        </details>
      ) : null}
    </div>
  );
}
