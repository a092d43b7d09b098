"use client";

import { useState } from "react";

const COLLAPSED = 3;

/** Subscribed event names; long lists collapse behind a "+N more" toggle. */
export function EventChips({ types }: { types: string[] }) {
  const [expanded, setExpanded] = useState(false);
  const shown = expanded ? types : types.slice(0, COLLAPSED);
  const hidden = types.length - shown.length;
  return (
    <ul className="flex flex-wrap gap-1" aria-label="Subscribed events">
      {shown.map((t) => (
        <li
          key={t}
          className="rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-xs text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300"
        >
          {t}
        </li>
      ))}
      {types.length > COLLAPSED ? (
        <li>
          <button
            type="button"
            onClick={() => setExpanded((e) => !e)}
            aria-expanded={expanded}
            className="rounded px-1.5 py-0.5 text-xs font-medium text-brand-700 hover:underline dark:text-brand-100"
          >
            {expanded ? "Show less" : `+${hidden} more`}
          </button>
        </li>
      ) : null}
    </ul>
  );
}
