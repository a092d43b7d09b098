"use client";

import { Field } from "./field";
import { Input } from "./input";

export type TimeRange = { since: string; until: string };

/** datetime-local values are local wall-clock times; the API wants ISO instants. */
export function toIso(local: string): string | undefined {
  return local ? new Date(local).toISOString() : undefined;
}

/** The From and Until fields of a log's filters (`idPrefix` keeps two on a page apart). */
export function TimeRangeFilter({
  idPrefix,
  value,
  onChange,
}: {
  idPrefix: string;
  value: TimeRange;
  onChange: (next: TimeRange) => void;
}) {
  return (
    <>
      {(["since", "until"] as const).map((key) => (
        <Field key={key} id={`${idPrefix}-${key}`} label={key === "since" ? "From" : "Until"} className="w-52">
          <Input
            id={`${idPrefix}-${key}`}
            type="datetime-local"
            value={value[key]}
            onChange={(e) => onChange({ ...value, [key]: e.target.value })}
          />
        </Field>
      ))}
    </>
  );
}

/** Resets a log's filters; shown only while one is set. */
export function ClearFilters({ active, onClear }: { active: boolean; onClear: () => void }) {
  return active ? (
    <button
      type="button"
      onClick={onClear}
      className="h-10 text-sm font-medium text-brand-700 hover:underline dark:text-brand-100"
    >
      Clear filters
    </button>
  ) : null;
}
