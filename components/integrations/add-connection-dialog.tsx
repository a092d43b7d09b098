"use client";

import { Plus } from "lucide-react";
import { useState } from "react";
import { FormError } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Modal } from "@/components/ui/dialog";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { ApiError, errorMessage } from "@/lib/api-client/fetch-json";
import { useCreateConnection } from "@/lib/api-client/use-connections";
import type { ConnectionInput, ConnectionProvider } from "@/lib/api-client/types";
import { CreatedConnection } from "./created-connection";
import { PROVIDERS } from "./provider-catalogue";

type BrevoAuth = "bearer" | "basic";

function toInput(provider: ConnectionProvider, name: string, signingSecret: string, auth: BrevoAuth): ConnectionInput {
  const named = name.trim() ? { name: name.trim() } : {};
  if (provider === "varda") return { provider, ...named, signing_secret: signingSecret.trim() };
  if (provider === "brevo") return { provider, ...named, auth };
  return { provider, ...named };
}

export function AddConnectionDialog({ provider }: { provider: ConnectionProvider }) {
  const { label, setup } = PROVIDERS[provider];
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [signingSecret, setSigningSecret] = useState("");
  const [auth, setAuth] = useState<BrevoAuth>("bearer");
  const create = useCreateConnection();
  const details = create.error instanceof ApiError ? create.error.details : [];
  const fieldError = (field: string) => details.find((d) => d.field === field)?.message;
  const nameError = fieldError("name");
  const secretError = fieldError("signing_secret");
  const otherError = create.error && !nameError && !secretError ? errorMessage(create.error) : undefined;
  const ids = { name: `${provider}-connection-name`, secret: `${provider}-signing-secret` };

  function onOpenChange(next: boolean) {
    setOpen(next);
    // Closing forgets the generated credentials: they are shown this once.
    if (!next) {
      create.reset();
      setName("");
      setSigningSecret("");
      setAuth("bearer");
    }
  }

  return (
    <Modal
      open={open}
      onOpenChange={onOpenChange}
      trigger={
        <Button size="sm">
          <Plus aria-hidden className="size-4" /> Connect {label}
        </Button>
      }
      title={create.data ? `${label} connected` : `Connect ${label}`}
      description={
        create.data
          ? undefined
          : `Empfio gives this connection its own URL, so ${label}'s requests land in this organization.`
      }
    >
      {create.data ? (
        <CreatedConnection connection={create.data} onDone={() => onOpenChange(false)} />
      ) : (
        <form
          className="space-y-4"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate(toInput(provider, name, signingSecret, auth));
          }}
        >
          <div className="rounded-md border border-zinc-200 bg-zinc-50 p-3 text-sm dark:border-zinc-800 dark:bg-zinc-950">
            <p className="font-medium">How to connect {label}</p>
            <ol className="mt-1.5 list-decimal space-y-1 pl-5 text-zinc-700 dark:text-zinc-300">
              {setup.map((step) => (
                <li key={step}>{step}</li>
              ))}
            </ol>
          </div>
          <Field
            id={ids.name}
            label="Name (optional)"
            hint={`Tells connections apart, e.g. “Main salon”. Defaults to ${label}.`}
            error={nameError}
          >
            <Input
              id={ids.name}
              value={name}
              onChange={(e) => setName(e.target.value)}
              maxLength={100}
              aria-invalid={nameError ? true : undefined}
              aria-describedby={describedBy(ids.name, !!nameError, true)}
            />
          </Field>
          {provider === "varda" ? (
            <Field
              id={ids.secret}
              label="Signing secret from Varda"
              hint="Varda shows it when you add the webhook. It checks that requests really come from Varda."
              error={secretError}
            >
              <Input
                id={ids.secret}
                value={signingSecret}
                onChange={(e) => setSigningSecret(e.target.value)}
                required
                autoComplete="off"
                spellCheck={false}
                className="font-mono"
                aria-invalid={secretError ? true : undefined}
                aria-describedby={describedBy(ids.secret, !!secretError, true)}
              />
            </Field>
          ) : null}
          {provider === "brevo" ? (
            <fieldset className="space-y-2">
              <legend className="text-sm font-medium">How Brevo authenticates</legend>
              {(
                [
                  ["bearer", "Bearer token", "Brevo sends Authorization: Bearer <token>. Recommended."],
                  [
                    "basic",
                    "Basic auth",
                    "A username and password, for Brevo webhooks set up with user:password in the URL.",
                  ],
                ] as const
              ).map(([value, title, hint]) => (
                <label
                  key={value}
                  className="flex cursor-pointer items-start gap-2 rounded-md border border-zinc-200 p-3 text-sm has-[:checked]:border-brand-500 dark:border-zinc-800"
                >
                  <input
                    type="radio"
                    name="brevo-auth"
                    value={value}
                    checked={auth === value}
                    onChange={() => setAuth(value)}
                    className="mt-0.5 accent-brand-600"
                  />
                  <span>
                    <span className="block font-medium">{title}</span>
                    <span className="block text-xs text-zinc-600 dark:text-zinc-400">{hint}</span>
                  </span>
                </label>
              ))}
            </fieldset>
          ) : null}
          <FormError message={otherError} />
          <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <Button variant="secondary" onClick={() => onOpenChange(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={create.isPending || (provider === "varda" && !signingSecret.trim())}>
              {create.isPending ? "Creating…" : "Create connection"}
            </Button>
          </div>
        </form>
      )}
    </Modal>
  );
}
