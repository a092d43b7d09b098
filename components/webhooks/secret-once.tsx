import { KeyRound } from "lucide-react";
import { CopyButton } from "@/components/ui/copy-button";

/** A secret shown this once, with copy; `note` says what happens after. */
export function SecretOnce({ secret, title, note }: { secret: string; title: string; note: React.ReactNode }) {
  return (
    <div className="rounded-md border border-amber-300 bg-amber-50 p-4 dark:border-amber-800 dark:bg-amber-950">
      <p className="flex items-center gap-2 text-sm font-semibold text-amber-900 dark:text-amber-100">
        <KeyRound aria-hidden className="size-4" /> {title}
      </p>
      <div className="mt-2 flex items-center gap-2">
        <code
          data-testid="one-time-secret"
          className="min-w-0 flex-1 rounded bg-white px-2 py-1.5 font-mono text-sm break-all dark:bg-zinc-900"
        >
          {secret}
        </code>
        <CopyButton value={secret} label="Copy" showText />
      </div>
      <p className="mt-2 text-xs text-amber-900 dark:text-amber-200">{note}</p>
    </div>
  );
}
