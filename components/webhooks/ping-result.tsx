import { Alert } from "@/components/ui/alert";
import type { Ping } from "@/lib/api-client/types";

/** What the test ping found: the status and latency, or why it failed and what to do. */
export function PingResult({ ping }: { ping: Ping }) {
  if (ping.ok) {
    return (
      <Alert tone="success" title="Test ping delivered">
        <p>
          Your endpoint answered <strong>{ping.status_code}</strong> in {ping.latency_ms} ms.
        </p>
      </Alert>
    );
  }
  const what =
    ping.status_code !== null
      ? `Your endpoint answered ${ping.status_code}`
      : ping.error
        ? `${ping.error.message} (${ping.error.kind})`
        : "The request failed";
  return (
    <Alert tone="danger" title="Test ping failed">
      <p>
        {what}
        {ping.latency_ms ? ` after ${ping.latency_ms} ms` : ""}.
      </p>
      {ping.advice ? <p className="font-medium">{ping.advice}</p> : null}
      {ping.response_excerpt ? (
        <div>
          <p className="text-xs">Response body (excerpt):</p>
          <pre
            tabIndex={0}
            className="mt-1 max-h-40 overflow-auto rounded bg-white/60 p-2 font-mono text-xs whitespace-pre-wrap dark:bg-black/30"
          >
            {ping.response_excerpt}
          </pre>
        </div>
      ) : null}
    </Alert>
  );
}
