"use client";

import { useEffect, useRef } from "react";
import { CodeBlock } from "@/components/ui/code-block";
import { Badge } from "@/components/ui/badge";
import { ErrorState } from "@/components/ui/error-state";
import { SkeletonRows } from "@/components/ui/skeleton";
import { groupByArea, useEventTypes } from "@/lib/api-client/use-event-types";
import { sampleEnvelope, subscribable } from "./sample-envelope";

type Props = { value: string[]; onChange: (next: string[]) => void };

/** Checkboxes grouped by area, each with its description and an expandable sample payload. */
export function EventPicker({ value, onChange }: Props) {
  const { data, error, isPending, refetch } = useEventTypes();
  if (isPending) return <SkeletonRows rows={4} label="Loading event types" />;
  if (error) return <ErrorState error={error} what="event types" onRetry={() => void refetch()} />;
  const selected = new Set(value);
  const toggle = (names: string[], on: boolean) => {
    const next = new Set(selected);
    for (const n of names)
      if (on) next.add(n);
      else next.delete(n);
    onChange([...next]);
  };
  return (
    <div className="space-y-4">
      {groupByArea(subscribable(data)).map(([area, types]) => {
        const names = types.map((t) => t.name);
        const count = names.filter((n) => selected.has(n)).length;
        return (
          <fieldset key={area} className="rounded-md border border-zinc-200 dark:border-zinc-800">
            <legend className="sr-only">{area} events</legend>
            <div className="flex items-center justify-between gap-2 border-b border-zinc-200 bg-zinc-50 px-3 py-2 dark:border-zinc-800 dark:bg-zinc-950">
              <span className="text-sm font-semibold capitalize">{area}</span>
              <AreaToggle area={area} count={count} total={names.length} onToggle={(on) => toggle(names, on)} />
            </div>
            <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
              {types.map((t) => (
                <li key={t.name} className="px-3 py-2.5">
                  <label className="flex cursor-pointer items-start gap-3">
                    <input
                      type="checkbox"
                      checked={selected.has(t.name)}
                      onChange={(e) => toggle([t.name], e.target.checked)}
                      className="mt-0.5 size-4 accent-brand-600"
                    />
                    <span className="min-w-0">
                      <span className="flex flex-wrap items-center gap-2 font-mono text-sm font-medium">
                        {t.name}
                        {t.addition ? <Badge tone="info">Empfio Webhooks addition</Badge> : null}
                      </span>
                      <span className="block text-sm text-zinc-600 dark:text-zinc-400">{t.description}</span>
                    </span>
                  </label>
                  <details className="mt-1 ml-7">
                    <summary className="cursor-pointer text-xs font-medium text-brand-700 dark:text-brand-100">
                      Sample payload
                    </summary>
                    <CodeBlock code={sampleEnvelope(t)} label={`${t.name} sample payload`} className="mt-2" />
                  </details>
                </li>
              ))}
            </ul>
          </fieldset>
        );
      })}
    </div>
  );
}

function AreaToggle({
  area,
  count,
  total,
  onToggle,
}: {
  area: string;
  count: number;
  total: number;
  onToggle: (on: boolean) => void;
}) {
  const ref = useRef<HTMLInputElement>(null);
  // "indeterminate" exists only as a DOM property, not as an attribute.
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = count > 0 && count < total;
  }, [count, total]);
  return (
    <label className="flex items-center gap-2 text-xs font-medium text-zinc-700 dark:text-zinc-300">
      <input
        ref={ref}
        type="checkbox"
        checked={count === total}
        onChange={(e) => onToggle(e.target.checked)}
        className="size-4 accent-brand-600"
      />
      Select all <span className="sr-only">{area} events</span>
    </label>
  );
}
