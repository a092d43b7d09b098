import { cn } from "@/lib/cn";
import { CopyButton } from "./copy-button";

/** Monospace, scrollable, with an optional copy button; `label` names it for screen readers. */
export function CodeBlock({
  code,
  label,
  className,
  copy = true,
}: {
  code: string;
  label: string;
  className?: string;
  copy?: boolean;
}) {
  return (
    <figure aria-label={label} className={cn("relative", className)}>
      <pre
        tabIndex={0}
        className="max-h-96 overflow-auto rounded-md border border-zinc-200 bg-zinc-50 p-3 pr-12 font-mono text-xs leading-relaxed text-zinc-800 dark:border-zinc-800 dark:bg-zinc-950 dark:text-zinc-200"
      >
        <code>{code}</code>
      </pre>
      {copy ? <CopyButton value={code} label={`Copy ${label}`} className="absolute top-2 right-2" /> : null}
    </figure>
  );
}

/** JSON text pretty-printed; anything unparseable is shown exactly as it came. */
export function prettyJson(text: string | null | undefined): string {
  if (!text) return "";
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
