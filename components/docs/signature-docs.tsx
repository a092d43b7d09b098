"use client";

import { Tabs } from "radix-ui";
import { Card } from "@/components/ui/card";
import { CodeBlock } from "@/components/ui/code-block";
import { formatDurations } from "./format-durations";
import { NODE_SNIPPET, PYTHON_SNIPPET } from "./verification-snippets";

const tab =
  "rounded-md px-3 py-1.5 text-sm font-medium text-zinc-700 data-[state=active]:bg-brand-600 data-[state=active]:text-white dark:text-zinc-300";

/** The server's delivery settings, so the page states what this installation does. */
export type DeliveryTerms = { retryDelaysMs: number[]; timeoutMs: number; rotationOverlapMs: number };

export function SignatureDocs({ terms }: { terms: DeliveryTerms }) {
  return (
    <Card className="space-y-4 p-4 sm:p-5">
      <section aria-labelledby="verify-heading" className="space-y-3">
        <h2 id="verify-heading" className="text-lg font-semibold">
          Verifying signatures
        </h2>
        <p className="text-sm text-zinc-700 dark:text-zinc-300">
          Every delivery is a POST whose JSON body is the envelope{" "}
          <code className="font-mono">{"{ event, timestamp, organization_id, data }"}</code>. It carries{" "}
          <code className="font-mono">X-Empfio-Signature</code>: the hex HMAC-SHA256 of the raw body, keyed with your
          endpoint&apos;s signing secret exactly as shown (<code className="font-mono">whsec_…</code>). It also carries
          the{" "}
          <a className="text-brand-700 underline dark:text-brand-100" href="https://www.standardwebhooks.com/">
            Standard Webhooks
          </a>{" "}
          headers <code className="font-mono">webhook-id</code>, <code className="font-mono">webhook-timestamp</code>{" "}
          and <code className="font-mono">webhook-signature</code> (<code className="font-mono">v1,&lt;base64&gt;</code>{" "}
          over <code className="font-mono">id.timestamp.body</code>, keyed with the base64-decoded part after{" "}
          <code className="font-mono">whsec_</code>).
        </p>
        <p className="text-sm text-zinc-700 dark:text-zinc-300">
          For {formatDurations([terms.rotationOverlapMs])} after you rotate a secret,{" "}
          <code className="font-mono">X-Empfio-Signature</code> is signed with the previous secret and{" "}
          <code className="font-mono">X-Empfio-Signature-Next</code> with the new one, so accept either while you
          deploy. Return any 2xx within {formatDurations([terms.timeoutMs])}; anything else is retried after about{" "}
          {formatDurations(terms.retryDelaysMs)}.
        </p>
        <Tabs.Root defaultValue="node">
          <Tabs.List
            aria-label="Language"
            className="mb-2 inline-flex gap-1 rounded-md border border-zinc-300 p-0.5 dark:border-zinc-700"
          >
            <Tabs.Trigger value="node" className={tab}>
              Node.js
            </Tabs.Trigger>
            <Tabs.Trigger value="python" className={tab}>
              Python
            </Tabs.Trigger>
          </Tabs.List>
          <Tabs.Content value="node">
            <CodeBlock code={NODE_SNIPPET} label="Node.js verification code" />
          </Tabs.Content>
          <Tabs.Content value="python">
            <CodeBlock code={PYTHON_SNIPPET} label="Python verification code" />
          </Tabs.Content>
        </Tabs.Root>
      </section>
    </Card>
  );
}
