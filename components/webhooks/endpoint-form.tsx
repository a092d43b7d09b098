"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { Controller, useForm, useWatch } from "react-hook-form";
import { z } from "zod";
import { FormError } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { ApiError } from "@/lib/api-client/fetch-json";
import { createEndpointSchema } from "@/lib/webhooks/endpoint-schemas";
import { EventPicker } from "./event-picker";
import { FilterEditor } from "./filter-editor";
import { HeaderRows } from "./header-rows";

// The API's schema, plus the URL shape checks a browser can do without DNS; the server still
// decides about https and private addresses, and its answer lands on the same field.
const formSchema = createEndpointSchema.extend({
  url: createEndpointSchema.shape.url.refine(
    (v) => /^https?:\/\/[^\s/]+/i.test(v) && URL.canParse(v),
    "Enter a full URL, like https://example.com/webhooks/empfio",
  ),
});

export type EndpointFormValues = z.input<typeof formSchema>;
type Output = z.output<typeof formSchema>;

type Props = {
  defaultValues?: Partial<EndpointFormValues>;
  submitLabel: string;
  busyLabel: string;
  onSubmit: (values: Output) => Promise<unknown>;
  onCancel?: () => void;
};

const FIELDS = ["url", "description", "event_types", "custom_headers", "rate_limit_per_second", "filter"] as const;

/** The messages of a field's errors, nested ones included (a header's, a filter part's). */
function messagesOf(error: unknown): string[] {
  if (!error || typeof error !== "object") return [];
  return Object.entries(error).flatMap(([key, value]) =>
    key === "message" && typeof value === "string" ? [value] : key === "ref" ? [] : messagesOf(value),
  );
}

export function EndpointForm({ defaultValues, submitLabel, busyLabel, onSubmit, onCancel }: Props) {
  const form = useForm<EndpointFormValues, unknown, Output>({
    resolver: zodResolver(formSchema),
    defaultValues: {
      url: "",
      description: "",
      event_types: [],
      custom_headers: {},
      rate_limit_per_second: null,
      filter: null,
      ...defaultValues,
    },
    mode: "onTouched",
  });
  const { errors, isSubmitting } = form.formState;
  const [filterJsonError, setFilterJsonError] = useState<string | null>(null);
  const eventTypes = useWatch({ control: form.control, name: "event_types" }) ?? [];

  async function submit(values: Output) {
    if (filterJsonError) {
      form.setError("filter", { message: filterJsonError }, { shouldFocus: true });
      return;
    }
    try {
      await onSubmit(values);
    } catch (e) {
      // Field-level server errors (e.g. "https required") go next to their field.
      const details = e instanceof ApiError ? e.details : [];
      let placed = false;
      for (const d of details) {
        const field = FIELDS.find((f) => d.field === f || d.field.startsWith(`${f}.`));
        if (field) {
          // A filter's bad part is named by its path; a header's message names the header.
          const message = field === "filter" && d.field !== field ? `${d.field.slice(7)}: ${d.message}` : d.message;
          form.setError(field, { message }, { shouldFocus: !placed });
          placed = true;
        }
      }
      if (!placed) form.setError("root", { message: e instanceof Error ? e.message : "Saving failed." });
    }
  }

  const urlHttp = (useWatch({ control: form.control, name: "url" }) ?? "").trim().toLowerCase().startsWith("http://");
  return (
    <form onSubmit={form.handleSubmit(submit)} noValidate className="space-y-6">
      <Field
        id="endpoint-url"
        label="Endpoint URL"
        error={errors.url?.message}
        hint={
          urlHttp
            ? "Plain http:// is refused in production; use https:// unless you are in development mode."
            : "The HTTPS address Empfio will POST events to."
        }
      >
        <Input
          id="endpoint-url"
          type="url"
          inputMode="url"
          autoComplete="url"
          placeholder="https://example.com/webhooks/empfio"
          aria-invalid={errors.url ? true : undefined}
          aria-describedby={describedBy("endpoint-url", !!errors.url, true)}
          {...form.register("url")}
        />
      </Field>
      <Field
        id="endpoint-description"
        label="Description (optional)"
        error={errors.description?.message}
        hint="A note for your team, such as “Zapier: new leads to Google Sheets”."
      >
        <Textarea
          id="endpoint-description"
          rows={2}
          aria-invalid={errors.description ? true : undefined}
          aria-describedby={describedBy("endpoint-description", !!errors.description, true)}
          {...form.register("description")}
        />
      </Field>
      <fieldset className="space-y-2" aria-describedby={errors.event_types ? "event-types-error" : "event-types-hint"}>
        <legend className="text-sm font-medium">Events to send</legend>
        <p id="event-types-hint" className="text-xs text-zinc-600 dark:text-zinc-400">
          Empfio POSTs to your URL whenever one of these happens. A test ping is always sent on save.
        </p>
        {errors.event_types ? (
          <p id="event-types-error" role="alert" className="text-xs font-medium text-red-700 dark:text-red-400">
            {errors.event_types.message ?? errors.event_types.root?.message ?? "Pick known event types."}
          </p>
        ) : null}
        <Controller
          control={form.control}
          name="event_types"
          render={({ field }) => <EventPicker value={field.value} onChange={field.onChange} />}
        />
      </fieldset>
      <fieldset className="space-y-2" aria-describedby="custom-headers-hint">
        <legend className="text-sm font-medium">Custom headers (optional)</legend>
        <p id="custom-headers-hint" className="text-xs text-zinc-600 dark:text-zinc-400">
          Sent with every delivery, e.g. an Authorization token your receiver checks. Values are stored encrypted and
          shown masked once saved; leave a masked value as it is to keep it.
        </p>
        {messagesOf(errors.custom_headers).length > 0 ? (
          <div role="alert">
            <ul className="space-y-0.5 text-xs font-medium text-red-700 dark:text-red-400">
              {messagesOf(errors.custom_headers).map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          </div>
        ) : null}
        <Controller
          control={form.control}
          name="custom_headers"
          render={({ field }) => (
            <HeaderRows
              value={field.value ?? {}}
              onChange={field.onChange}
              invalid={(name) =>
                messagesOf((errors.custom_headers as Record<string, unknown> | undefined)?.[name]).length > 0
              }
            />
          )}
        />
      </fieldset>
      <Field
        id="endpoint-rate-limit"
        label="Rate limit (optional)"
        error={errors.rate_limit_per_second?.message}
        hint="Most requests per second this endpoint takes. A burst waits its turn; nothing is dropped. Empty: no limit."
      >
        <Controller
          control={form.control}
          name="rate_limit_per_second"
          render={({ field }) => (
            <div className="flex w-48 items-center gap-2">
              <Input
                id="endpoint-rate-limit"
                type="number"
                inputMode="numeric"
                min={1}
                max={1000}
                step={1}
                placeholder="No limit"
                aria-invalid={errors.rate_limit_per_second ? true : undefined}
                aria-describedby={describedBy("endpoint-rate-limit", !!errors.rate_limit_per_second, true)}
                value={field.value ?? ""}
                onBlur={field.onBlur}
                onChange={(e) => field.onChange(e.target.value === "" ? null : Number(e.target.value))}
              />
              <span className="shrink-0 text-sm text-zinc-600 dark:text-zinc-400">per second</span>
            </div>
          )}
        />
      </Field>
      <Field
        id="endpoint-filter"
        label="Payload filter (optional)"
        error={typeof errors.filter?.message === "string" ? errors.filter.message : undefined}
        hint={
          <>
            JSON conditions on the event, all of which must hold, by dot path: <code>$eq</code>, <code>$ne</code>,{" "}
            <code>$in</code>, <code>$nin</code>, <code>$exists</code>, <code>$gt</code>, <code>$gte</code>,{" "}
            <code>$lt</code>, <code>$lte</code> and <code>$or</code>. Events it rejects are not sent here. Empty: send
            every event picked above.
          </>
        }
      >
        <Controller
          control={form.control}
          name="filter"
          render={({ field }) => (
            <FilterEditor
              id="endpoint-filter"
              value={(field.value ?? null) as Record<string, unknown> | null}
              eventTypes={eventTypes}
              invalid={!!errors.filter}
              describedBy={describedBy("endpoint-filter", !!errors.filter, true)}
              onChange={(next) => {
                field.onChange(next);
                form.clearErrors("filter");
              }}
              onJsonError={setFilterJsonError}
            />
          )}
        />
      </Field>
      <FormError message={errors.root?.message} />
      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        {onCancel ? (
          <Button variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
        ) : null}
        <Button type="submit" disabled={isSubmitting}>
          {isSubmitting ? busyLabel : submitLabel}
        </Button>
      </div>
    </form>
  );
}
