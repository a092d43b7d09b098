"use client";

import { Plus } from "lucide-react";
import { useState } from "react";
import { FormError } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Modal } from "@/components/ui/dialog";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { SecretOnce } from "@/components/webhooks/secret-once";
import { ApiError, errorMessage } from "@/lib/api-client/fetch-json";
import type { NewApiKey } from "@/lib/api-client/types";
import { useCreateApiKey } from "@/lib/api-client/use-api-keys";

export function CreateApiKeyDialog() {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [scope, setScope] = useState<NewApiKey["scope"]>("read_only");
  const [expiry, setExpiry] = useState("");
  const create = useCreateApiKey();
  const fieldError =
    create.error instanceof ApiError ? create.error.details.find((d) => d.field === "name")?.message : undefined;
  function onOpenChange(next: boolean) {
    setOpen(next);
    if (!next) {
      create.reset();
      setName("");
      setScope("read_only");
      setExpiry("");
    }
  }
  return (
    <Modal
      open={open}
      onOpenChange={onOpenChange}
      trigger={
        <Button>
          <Plus aria-hidden className="size-4" /> Create API key
        </Button>
      }
      title={create.data ? "API key created" : "Create API key"}
      description={
        create.data
          ? undefined
          : "Give it a name you will recognise. No key can manage API keys or reveal signing secrets."
      }
    >
      {create.data ? (
        <div className="space-y-4" aria-live="polite">
          <SecretOnce
            title={create.data.api_key.name}
            secret={create.data.key}
            note="Copy it now: Empfio stores only a hash and cannot show it again. Send it as Authorization: Bearer <key>."
          />
          <div className="flex justify-end">
            <Button onClick={() => onOpenChange(false)}>Done</Button>
          </div>
        </div>
      ) : (
        <form
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate({ name, scope, ...(expiry ? { expires_in_days: Number(expiry) } : {}) });
          }}
        >
          <Field id="api-key-name" label="Name" error={fieldError}>
            <Input
              id="api-key-name"
              value={name}
              onChange={(e) => setName(e.target.value)}
              placeholder="Zapier production"
              required
              maxLength={100}
              aria-invalid={fieldError ? true : undefined}
              aria-describedby={describedBy("api-key-name", !!fieldError)}
            />
          </Field>
          <Field id="api-key-scope" label="Access">
            <NativeSelect
              id="api-key-scope"
              value={scope}
              onChange={(e) => setScope(e.target.value as NewApiKey["scope"])}
            >
              <option value="read_only">Read only: reads endpoints, deliveries and records</option>
              <option value="manage">Manage: also creates, changes and deletes</option>
            </NativeSelect>
          </Field>
          <Field id="api-key-expiry" label="Expires">
            <NativeSelect id="api-key-expiry" value={expiry} onChange={(e) => setExpiry(e.target.value)}>
              <option value="">Never</option>
              <option value="30">In 30 days</option>
              <option value="90">In 90 days</option>
              <option value="365">In a year</option>
            </NativeSelect>
          </Field>
          <FormError message={create.error && !fieldError ? errorMessage(create.error) : undefined} />
          <div className="flex justify-end">
            <Button type="submit" disabled={create.isPending || !name.trim()}>
              {create.isPending ? "Creating…" : "Create key"}
            </Button>
          </div>
        </form>
      )}
    </Modal>
  );
}
