"use client";

import { useEffect, useRef } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { SecretOnce } from "@/components/webhooks/secret-once";
import type { CreatedConnection as Created } from "@/lib/api-client/types";
import { connectionUrls, PROVIDERS } from "./provider-catalogue";
import { UrlList } from "./url-list";

const ONCE =
  "Copy it now: you won't see it again. Empfio keeps it encrypted and never shows it after you close this; if it is lost, delete the connection and create a new one.";

/** What the owner pastes into the provider, right after creating the connection; generated credentials appear only here. */
export function CreatedConnection({ connection, onDone }: { connection: Created; onDone: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  // The form was replaced by this; move focus here so keyboard and screen-reader users land on it.
  useEffect(() => heading.current?.focus(), []);
  const { label } = PROVIDERS[connection.provider];
  const credentials = connection.credentials;
  return (
    <div className="space-y-4" aria-live="polite">
      <h3 ref={heading} tabIndex={-1} className="text-sm font-semibold outline-none">
        Paste {connection.webhook_urls ? "these URLs" : "this URL"} into {label}
      </h3>
      <UrlList urls={connectionUrls(connection)} />
      {credentials && "signing_secret" in credentials ? (
        <SecretOnce
          title="Signing secret"
          secret={credentials.signing_secret}
          note={`Paste it into the webhook's Secret field in ${label}. ${ONCE}`}
        />
      ) : null}
      {credentials && "bearer_token" in credentials ? (
        <SecretOnce
          title="Bearer token"
          secret={credentials.bearer_token}
          note={`${label} sends it as Authorization: Bearer <token>. ${ONCE}`}
        />
      ) : null}
      {credentials && "username" in credentials ? (
        <>
          <div>
            <p className="text-xs font-medium text-zinc-600 dark:text-zinc-400">Username</p>
            <p className="mt-0.5 flex items-center gap-2">
              <code className="min-w-0 flex-1 rounded border border-zinc-200 bg-zinc-50 px-2 py-1.5 font-mono text-xs break-all dark:border-zinc-800 dark:bg-zinc-950">
                {credentials.username}
              </code>
              <CopyButton value={credentials.username} label="Copy username" />
            </p>
          </div>
          <SecretOnce
            title="Password"
            secret={credentials.password}
            note={`${label} sends the username and password as Authorization: Basic. ${ONCE}`}
          />
        </>
      ) : null}
      {credentials === null ? (
        <Alert tone="info">
          Varda signs every request with the secret you pasted; Empfio stores it encrypted and checks each
          X-Varda-Signature with it.
        </Alert>
      ) : null}
      <div className="flex justify-end">
        <Button onClick={onDone}>Done</Button>
      </div>
    </div>
  );
}
