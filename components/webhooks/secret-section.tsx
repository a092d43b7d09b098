"use client";

import { Eye, EyeOff, RefreshCw } from "lucide-react";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { CopyButton } from "@/components/ui/copy-button";
import { formatAbsolute } from "@/components/ui/relative-time";
import { errorMessage } from "@/lib/api-client/fetch-json";
import { useRevealSecret, useRotateSecret } from "@/lib/api-client/use-endpoint-actions";
import type { Endpoint } from "@/lib/api-client/types";
import { SecretOnce } from "./secret-once";

export function SecretSection({ endpoint }: { endpoint: Endpoint }) {
  const reveal = useRevealSecret(endpoint.id);
  const rotate = useRotateSecret(endpoint.id);
  const [shown, setShown] = useState(false);
  const secret = reveal.data?.secret;
  const visible = shown && secret;
  async function toggle() {
    if (!shown && !secret) await reveal.mutateAsync().catch(() => undefined);
    setShown((s) => !s);
  }
  return (
    <div className="space-y-3">
      <div className="flex items-center gap-2">
        <input
          readOnly
          aria-label="Signing secret"
          value={visible ? secret : "whsec_••••••••••••••••••••••••"}
          className="h-8 min-w-0 flex-1 rounded-md border border-zinc-200 bg-zinc-50 px-2 font-mono text-sm dark:border-zinc-800 dark:bg-zinc-950"
        />
        <Button variant="secondary" size="sm" onClick={toggle} disabled={reveal.isPending} aria-pressed={!!visible}>
          {visible ? <EyeOff aria-hidden className="size-4" /> : <Eye aria-hidden className="size-4" />}
          {visible ? "Hide" : "Reveal"}
        </Button>
        {visible ? <CopyButton value={secret} label="Copy signing secret" /> : null}
      </div>
      {reveal.error ? (
        <Alert tone="danger" role="alert">
          {errorMessage(reveal.error)}
        </Alert>
      ) : null}
      <ConfirmDialog
        trigger={
          <Button variant="secondary" size="sm">
            <RefreshCw aria-hidden className="size-4" /> Rotate secret
          </Button>
        }
        title="Rotate the signing secret?"
        description="Empfio creates a new secret. For the next 24 hours X-Empfio-Signature is still signed with the old secret and X-Empfio-Signature-Next with the new one, so you can deploy the new secret without dropping a webhook."
        confirmLabel="Rotate secret"
        tone="primary"
        onConfirm={async () => {
          await rotate.mutateAsync();
          reveal.reset();
          setShown(false);
        }}
      />
      <div aria-live="polite">
        {rotate.data ? (
          <SecretOnce
            title="New signing secret"
            secret={rotate.data.secret}
            note={
              rotate.data.previous_secret_expires_at
                ? `The previous secret keeps signing X-Empfio-Signature until ${formatAbsolute(rotate.data.previous_secret_expires_at)}; X-Empfio-Signature-Next carries the new one until then.`
                : "The new secret signs every request from now on."
            }
          />
        ) : endpoint.previous_secret_expires_at ? (
          <p className="text-xs text-zinc-600 dark:text-zinc-400">
            A rotation is in progress: the previous secret signs X-Empfio-Signature until{" "}
            {formatAbsolute(endpoint.previous_secret_expires_at)}, and X-Empfio-Signature-Next carries the new one.
          </p>
        ) : null}
      </div>
    </div>
  );
}
