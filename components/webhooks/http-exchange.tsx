import { Badge } from "@/components/ui/badge";
import { CodeBlock, prettyJson } from "@/components/ui/code-block";
import { CopyButton } from "@/components/ui/copy-button";
import type { Attempt } from "@/lib/api-client/types";
import { curlCommand } from "./curl-command";

function Headers({ headers, label }: { headers: Record<string, string>; label: string }) {
  const entries = Object.entries(headers);
  if (entries.length === 0) return <p className="text-xs text-zinc-500 dark:text-zinc-400">No headers recorded.</p>;
  return (
    <table className="w-full text-left font-mono text-xs">
      <caption className="sr-only">{label}</caption>
      <tbody>
        {entries.map(([name, value]) => (
          <tr key={name} className="align-top">
            <th scope="row" className="py-0.5 pr-3 font-medium whitespace-nowrap text-zinc-600 dark:text-zinc-400">
              {name}
            </th>
            <td className="py-0.5 break-all">{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The exact request of one attempt and the response it got, with copy-as-curl. */
export function HttpExchange({ attempt: a, defaultOpen }: { attempt: Attempt; defaultOpen: boolean }) {
  const n = a.attempt_number;
  return (
    <details open={defaultOpen} className="mt-3 rounded-md border border-zinc-200 dark:border-zinc-800">
      <summary className="cursor-pointer px-3 py-2 text-sm font-medium">Request and response</summary>
      <div className="grid gap-4 border-t border-zinc-200 p-3 xl:grid-cols-2 dark:border-zinc-800">
        <div className="min-w-0 space-y-2">
          <div className="flex items-center justify-between gap-2">
            <h4 className="text-xs font-semibold text-zinc-600 uppercase dark:text-zinc-400">Request</h4>
            <CopyButton value={curlCommand(a.request)} label="Copy as curl" showText />
          </div>
          <p className="font-mono text-xs break-all">
            {a.request.method} {a.request.url}
          </p>
          <Headers headers={a.request.headers} label={`Attempt ${n} request headers`} />
          <CodeBlock code={prettyJson(a.request.body)} label={`Attempt ${n} request body`} />
        </div>
        <div className="min-w-0 space-y-2">
          <h4 className="text-xs font-semibold text-zinc-600 uppercase dark:text-zinc-400">Response</h4>
          {a.response ? (
            <>
              <p className="font-mono text-xs">
                HTTP {a.response.status} {a.response.truncated ? <Badge tone="warning">body truncated</Badge> : null}
              </p>
              <Headers headers={a.response.headers} label={`Attempt ${n} response headers`} />
              {a.response.body ? (
                <CodeBlock code={prettyJson(a.response.body)} label={`Attempt ${n} response body`} />
              ) : (
                <p className="text-xs text-zinc-500 dark:text-zinc-400">Empty body.</p>
              )}
            </>
          ) : (
            <p className="text-sm text-zinc-600 dark:text-zinc-400">
              No response: {a.error?.message ?? "the request did not complete"}.
            </p>
          )}
        </div>
      </div>
    </details>
  );
}
