"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { Controller, useForm, useWatch } from "react-hook-form";
import { z } from "zod";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { ApiError } from "@/lib/api-client/fetch-json";
import { createEndpointSchema } from "@/lib/webhooks/endpoint-schemas";
import { EventPicker } from "./event-picker";

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

const FIELDS = ["url", "description", "event_types"] as const;

export function EndpointForm({ defaultValues, submitLabel, busyLabel, onSubmit, onCancel }: Props) {
  const form = useForm<EndpointFormValues, unknown, Output>({
    resolver: zodResolver(formSchema),
    defaultValues: { url: "", description: "", event_types: [], ...defaultValues },
    mode: "onTouched",
  });
  const { errors, isSubmitting } = form.formState;

  async function submit(values: Output) {
    try {
      await onSubmit(values);
    } catch (e) {
      // Field-level server errors (e.g. "https required") go next to their field.
      const details = e instanceof ApiError ? e.details : [];
      let placed = false;
      for (const d of details) {
        const field = FIELDS.find((f) => d.field === f || d.field.startsWith(`${f}.`));
        if (field) {
          form.setError(field, { message: d.message }, { shouldFocus: !placed });
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
      {errors.root ? (
        <Alert tone="danger" role="alert">
          {errors.root.message}
        </Alert>
      ) : null}
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
