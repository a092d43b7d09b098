import { CodeBlock } from "@/components/ui/code-block";
import type { Endpoint } from "@/lib/api-client/types";

/** The endpoint's rate limit, custom headers (masked) and payload filter, as saved. */
export function EndpointControls({ endpoint }: { endpoint: Endpoint }) {
  const headers = Object.entries(endpoint.custom_headers);
  return (
    <dl className="grid gap-4 text-sm sm:grid-cols-2">
      <div>
        <dt className="font-medium">Rate limit</dt>
        <dd className="mt-0.5 text-zinc-700 dark:text-zinc-300" data-testid="rate-limit">
          {endpoint.rate_limit_per_second === null
            ? "No limit"
            : `At most ${endpoint.rate_limit_per_second} per second; a burst waits its turn`}
        </dd>
      </div>
      <div>
        <dt className="font-medium">Custom headers</dt>
        <dd className="mt-0.5 text-zinc-700 dark:text-zinc-300">
          {headers.length === 0 ? (
            "None"
          ) : (
            <ul className="space-y-0.5" data-testid="custom-headers">
              {headers.map(([name, value]) => (
                <li key={name} className="font-mono text-xs break-all">
                  {name}: {value}
                </li>
              ))}
            </ul>
          )}
        </dd>
      </div>
      <div className="sm:col-span-2">
        <dt className="font-medium">Payload filter</dt>
        <dd className="mt-0.5 text-zinc-700 dark:text-zinc-300">
          {endpoint.filter === null ? (
            "None: every subscribed event is sent"
          ) : (
            <CodeBlock code={JSON.stringify(endpoint.filter, null, 2)} label="Payload filter" className="mt-1" />
          )}
        </dd>
      </div>
    </dl>
  );
}
