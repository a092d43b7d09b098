import { cn } from "@/lib/cn";

/** A column's header; a falsy entry is a column left out, `{ hidden }` one only screen readers hear (actions). */
type Column = string | false | null | undefined | { hidden: string };

/**
 * A table that scrolls sideways on a phone, inside a labelled region keyboard users can focus to
 * scroll it, with its column headers and a caption for screen readers. The rows are the caller's
 * `<tr>`s, their cells styled with `cell`.
 *
 *   <DataTable label="Deliveries" caption="Deliveries, newest first" columns={["Status", showUrl && "URL", { hidden: "Actions" }]}>
 */
export function DataTable({
  label,
  caption,
  columns,
  minWidth = "min-w-[640px]",
  children,
}: {
  label: string;
  caption?: string;
  columns: Column[];
  minWidth?: string;
  children: React.ReactNode;
}) {
  return (
    <div
      role="region"
      aria-label={label}
      tabIndex={0}
      className="overflow-x-auto rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900"
    >
      <table className={cn("w-full text-left text-sm", minWidth)}>
        {caption ? <caption className="sr-only">{caption}</caption> : null}
        <thead className="border-b border-zinc-200 bg-zinc-50 text-xs text-zinc-600 uppercase dark:border-zinc-800 dark:bg-zinc-950 dark:text-zinc-400">
          <tr>
            {columns.map((c, i) =>
              c ? (
                <th key={i} scope="col" className="px-3 py-2.5 font-medium whitespace-nowrap">
                  {typeof c === "string" ? c : <span className="sr-only">{c.hidden}</span>}
                </th>
              ) : null,
            )}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">{children}</tbody>
      </table>
    </div>
  );
}

export const cell = "px-3 py-2.5 align-top";
