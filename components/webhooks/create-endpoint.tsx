"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { useOrg } from "@/lib/api-client/org-context";
import { useCreateEndpoint } from "@/lib/api-client/use-endpoints";
import type { CreatedEndpoint } from "@/lib/api-client/types";
import { EndpointForm } from "./endpoint-form";
import { PingResult } from "./ping-result";
import { SecretOnce } from "./secret-once";
import { primaryLinkButton, webhooksPath } from "./webhook-links";

/** The add form; after saving it shows the secret once and the test ping's result. */
export function CreateEndpoint() {
  const org = useOrg();
  const router = useRouter();
  const create = useCreateEndpoint();
  const [created, setCreated] = useState<CreatedEndpoint | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  // The form is replaced by the result; move focus there so keyboard and screen-reader users land on it.
  useEffect(() => {
    if (created) heading.current?.focus();
  }, [created]);

  if (created) {
    return (
      <Card className="space-y-4 p-5">
        <div aria-live="polite" className="space-y-4">
          <h2 ref={heading} tabIndex={-1} className="text-lg font-semibold outline-none">
            Webhook saved
          </h2>
          <p className="font-mono text-sm break-all">{created.endpoint.url}</p>
          <PingResult ping={created.test_ping} />
        </div>
        <SecretOnce
          title="Signing secret"
          secret={created.secret}
          note="Use it to verify the X-Empfio-Signature header. You can reveal it again on the endpoint page (owners and admins only)."
        />
        <div className="flex flex-col gap-2 sm:flex-row sm:justify-end">
          <Button variant="secondary" onClick={() => setCreated(null)}>
            Add another
          </Button>
          <Link href={webhooksPath(org, `/${created.endpoint.id}`)} className={primaryLinkButton}>
            Go to endpoint
          </Link>
        </div>
      </Card>
    );
  }
  return (
    <Card className="p-5">
      <EndpointForm
        submitLabel="Save and send test ping"
        busyLabel="Saving and sending a test ping…"
        onSubmit={async (values) => setCreated(await create.mutateAsync(values))}
        onCancel={() => router.push(webhooksPath(org))}
      />
    </Card>
  );
}
