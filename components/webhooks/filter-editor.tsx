"use client";

import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Textarea } from "@/components/ui/textarea";
import { useEventTypes } from "@/lib/api-client/use-event-types";
import { filterProblems, matchesFilter, type PayloadFilter } from "@/lib/webhooks/payload-filter";
import { sampleEnvelope } from "./sample-envelope";

type Props = {
  id: string;
  value: PayloadFilter | null;
  eventTypes: string[];
  describedBy?: string;
  invalid: boolean;
  onChange: (next: PayloadFilter | null) => void;
  /** Text that is not JSON cannot be a form value: the form refuses to save while this is set. */
  onJsonError: (message: string | null) => void;
};

type Parsed = { filter: PayloadFilter | null; error: string | null };

function parse(text: string): Parsed {
  if (!text.trim()) return { filter: null, error: null };
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== "object" || value === null || Array.isArray(value))
      return { filter: null, error: 'The filter must be a JSON object, like {"data.status": "new"}.' };
    return { filter: value as PayloadFilter, error: null };
  } catch (e) {
    return { filter: null, error: `Not valid JSON: ${(e as Error).message}` };
  }
}

/** The filter as JSON, checked as it is typed, with which subscribed events' samples it would send. */
export function FilterEditor({ id, value, eventTypes, describedBy, invalid, onChange, onJsonError }: Props) {
  const [text, setText] = useState(() => (value ? JSON.stringify(value, null, 2) : ""));
  const parsed = parse(text);
  const problems = parsed.filter ? filterProblems(parsed.filter) : [];
  return (
    <div className="space-y-3">
      <Textarea
        id={id}
        rows={5}
        spellCheck={false}
        className="font-mono text-xs"
        placeholder={'{ "data.channel": { "$in": ["phone", "whatsapp"] }, "data.status": "new" }'}
        aria-invalid={invalid || parsed.error !== null || problems.length > 0 || undefined}
        aria-describedby={describedBy}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          const next = parse(e.target.value);
          onJsonError(next.error);
          if (!next.error) onChange(next.filter);
        }}
      />
      {parsed.error || problems.length > 0 ? (
        <div role="alert">
          <ul className="space-y-0.5 text-xs font-medium text-red-700 dark:text-red-400">
            {parsed.error ? <li>{parsed.error}</li> : null}
            {problems.map((p) => (
              <li key={`${p.path.join(".")}:${p.message}`}>
                {p.path.length ? <code>{p.path.join(".")}</code> : "The filter"}: {p.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <FilterPreview filter={parsed.error || problems.length ? undefined : parsed.filter} eventTypes={eventTypes} />
    </div>
  );
}

/** Each subscribed type's catalogue sample, and whether this filter would send it. */
function FilterPreview({ filter, eventTypes }: { filter: PayloadFilter | null | undefined; eventTypes: string[] }) {
  const { data } = useEventTypes();
  const types = (data ?? []).filter((t) => eventTypes.includes(t.name));
  return (
    <div className="rounded-md border border-zinc-200 p-3 dark:border-zinc-800" aria-live="polite">
      <h3 className="text-xs font-semibold tracking-wide text-zinc-600 uppercase dark:text-zinc-400">
        Preview with each event&apos;s sample
      </h3>
      {filter === undefined ? (
        <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">Fix the filter to see what it would send.</p>
      ) : types.length === 0 ? (
        <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">Pick events above to preview the filter.</p>
      ) : (
        <ul className="mt-2 divide-y divide-zinc-200 dark:divide-zinc-800" data-testid="filter-preview">
          {types.map((t) => {
            const sent = matchesFilter(filter, JSON.parse(sampleEnvelope(t)));
            return (
              <li key={t.name} className="flex items-center justify-between gap-3 py-1.5">
                <code className="text-sm">{t.name}</code>
                <Badge tone={sent ? "success" : "neutral"}>{sent ? "Would be sent" : "Filtered out"}</Badge>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
