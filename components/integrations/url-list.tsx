import { CopyButton } from "@/components/ui/copy-button";

/** The URLs to paste into the other service, each with its own copy button. */
export function UrlList({ urls }: { urls: { label: string; url: string }[] }) {
  return (
    <dl className="space-y-2">
      {urls.map(({ label, url }) => (
        <div key={label}>
          <dt className="text-xs font-medium text-zinc-600 dark:text-zinc-400">{label}</dt>
          <dd className="mt-0.5 flex items-center gap-2">
            <code className="min-w-0 flex-1 rounded border border-zinc-200 bg-zinc-50 px-2 py-1.5 font-mono text-xs break-all dark:border-zinc-800 dark:bg-zinc-950">
              {url}
            </code>
            <CopyButton value={url} label={`Copy ${label}`} />
          </dd>
        </div>
      ))}
    </dl>
  );
}
