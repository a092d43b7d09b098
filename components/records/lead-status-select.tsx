"use client";

import { useState } from "react";
import { useOrgMutation } from "./use-org-mutation";

const STATUSES = ["new", "contacted", "qualified", "booked", "lost"] as const;

export function LeadStatusSelect({
  orgSlug,
  leadId,
  leadName,
  status,
  canManage,
}: {
  orgSlug: string;
  leadId: string;
  leadName: string;
  status: string;
  canManage: boolean;
}) {
  const [value, setValue] = useState(status);
  const { mutate, pending, error } = useOrgMutation(orgSlug);
  if (!canManage) return <StatusBadge status={status} />;
  return (
    <div>
      <select
        aria-label={`Status of ${leadName}`}
        value={value}
        disabled={pending}
        onChange={async (e) => {
          const next = e.target.value;
          const previous = value;
          setValue(next);
          if (!(await mutate("PATCH", `/leads/${leadId}`, { status: next }))) setValue(previous);
        }}
        className="h-8 rounded-md border border-zinc-300 bg-white px-2 text-sm capitalize dark:border-zinc-700 dark:bg-zinc-900"
      >
        {STATUSES.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
      {error ? (
        <p role="alert" className="mt-1 text-xs text-red-600 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </div>
  );
}

const TONES: Record<string, string> = {
  new: "bg-sky-100 text-sky-800 dark:bg-sky-950 dark:text-sky-200",
  contacted: "bg-violet-100 text-violet-800 dark:bg-violet-950 dark:text-violet-200",
  qualified: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
  booked: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200",
  lost: "bg-zinc-200 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300",
  confirmed: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200",
  requested: "bg-sky-100 text-sky-800 dark:bg-sky-950 dark:text-sky-200",
  started: "bg-violet-100 text-violet-800 dark:bg-violet-950 dark:text-violet-200",
  cancelled: "bg-zinc-200 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300",
  escalated: "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-200",
  open: "bg-sky-100 text-sky-800 dark:bg-sky-950 dark:text-sky-200",
};

export function StatusBadge({ status }: { status: string }) {
  return (
    <span
      className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium capitalize ${TONES[status] ?? TONES.lost}`}
    >
      {status}
    </span>
  );
}
