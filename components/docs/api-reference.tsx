"use client";

import { Card } from "@/components/ui/card";
import { ErrorState } from "@/components/ui/error-state";
import { SkeletonRows } from "@/components/ui/skeleton";
import { useOpenApi } from "@/lib/api-client/use-openapi";
import { ApiOperation, type Operation } from "./api-operation";

const METHODS = ["get", "post", "put", "patch", "delete"] as const;

/** Renders `backticked` spans of OpenAPI description text as code. */
function withInlineCode(text: string) {
  return text.split("`").map((part, i) =>
    i % 2 ? (
      <code key={i} className="font-mono">
        {part}
      </code>
    ) : (
      part
    ),
  );
}

export function ApiReference() {
  const { data, error, isPending, refetch } = useOpenApi();
  if (isPending) return <SkeletonRows rows={6} label="Loading the API reference" />;
  if (error) return <ErrorState error={error} what="the API reference" onRetry={() => void refetch()} />;
  const ops = Object.entries(data.paths ?? {}).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((method) => ({
      path,
      method,
      op: item[method] as Operation,
      anchor: `${method}-${path.replace(/[^a-z0-9]+/gi, "-")}`,
    })),
  );
  return (
    <div className="space-y-6">
      <Card className="space-y-2 p-4 text-sm text-zinc-700 dark:text-zinc-300">
        {data.info?.description ? <p>{withInlineCode(data.info.description)}</p> : null}
        <p>
          Base URL <code className="font-mono">/api/v1</code>. Errors are{" "}
          <code className="font-mono">{'{ "error": { "code", "message", "details"? } }'}</code> with status 400, 401,
          403, 404, 409, 422 or 429. Version {data.info?.version}.
        </p>
        <a
          href="/api/v1/openapi.json"
          className="inline-block font-medium text-brand-700 underline dark:text-brand-100"
        >
          Download openapi.json
        </a>
      </Card>
      <nav aria-label="Operations">
        <ul className="grid gap-1 text-sm sm:grid-cols-2">
          {ops.map((o) => (
            <li key={o.anchor}>
              <a href={`#${o.anchor}`} className="font-mono hover:underline">
                <span className="inline-block w-14 text-xs font-semibold uppercase">{o.method}</span>
                {o.path}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {ops.map((o) => (
        <ApiOperation key={o.anchor} id={o.anchor} method={o.method} path={o.path} op={o.op} />
      ))}
    </div>
  );
}
