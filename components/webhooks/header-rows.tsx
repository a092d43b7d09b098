"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";

type Row = { key: number; name: string; value: string };
type Props = {
  value: Record<string, string>;
  onChange: (next: Record<string, string>) => void;
  /** Whether the header of this name has an error. */
  invalid: (name: string) => boolean;
};

let nextKey = 0;
const rowsOf = (headers: Record<string, string>): Row[] =>
  Object.entries(headers).map(([name, value]) => ({ key: nextKey++, name, value }));

/** Name and value pairs; a row without a name is not sent. Saved values come back masked. */
export function HeaderRows({ value, onChange, invalid }: Props) {
  const [rows, setRows] = useState<Row[]>(() => rowsOf(value));
  const update = (next: Row[]) => {
    setRows(next);
    onChange(Object.fromEntries(next.filter((r) => r.name.trim()).map((r) => [r.name.trim(), r.value])));
  };
  const edit = (key: number, patch: Partial<Row>) => update(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  return (
    <div className="space-y-2">
      {rows.length > 0 ? (
        <ul className="space-y-2">
          {rows.map((r, i) => {
            const bad = invalid(r.name.trim()) || undefined;
            return (
              <li key={r.key} className="grid grid-cols-1 gap-2 sm:grid-cols-[minmax(0,2fr)_minmax(0,3fr)_auto]">
                <Input
                  aria-label={`Header ${i + 1} name`}
                  placeholder="Authorization"
                  autoComplete="off"
                  spellCheck={false}
                  value={r.name}
                  aria-invalid={bad}
                  onChange={(e) => edit(r.key, { name: e.target.value })}
                />
                <Input
                  aria-label={`Header ${i + 1} value`}
                  placeholder="Bearer …"
                  autoComplete="off"
                  spellCheck={false}
                  className="font-mono"
                  value={r.value}
                  aria-invalid={bad}
                  onChange={(e) => edit(r.key, { value: e.target.value })}
                />
                <Button
                  variant="ghost"
                  size="sm"
                  className="h-10"
                  aria-label={`Remove header ${r.name || i + 1}`}
                  onClick={() => update(rows.filter((x) => x.key !== r.key))}
                >
                  Remove
                </Button>
              </li>
            );
          })}
        </ul>
      ) : null}
      <Button variant="secondary" size="sm" onClick={() => update([...rows, { key: nextKey++, name: "", value: "" }])}>
        Add header
      </Button>
    </div>
  );
}
