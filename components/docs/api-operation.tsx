import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { CodeBlock } from "@/components/ui/code-block";
import { SchemaView } from "./schema-view";

type Media = { content?: Record<string, { schema?: unknown }> };
type Parameter = { name: string; in: string; required?: boolean; description?: string; schema?: unknown };
export type Operation = {
  summary?: string;
  description?: string;
  parameters?: Parameter[];
  requestBody?: Media & { required?: boolean };
  responses?: Record<string, Media & { description?: string }>;
};

const TONES: Record<string, BadgeTone> = {
  get: "info",
  post: "success",
  patch: "warning",
  put: "warning",
  delete: "danger",
};

function jsonSchema(m: Media | undefined): unknown {
  return m?.content?.["application/json"]?.schema;
}

function SchemaBlock({ schema, label }: { schema: unknown; label: string }) {
  return (
    <div className="space-y-2">
      <SchemaView schema={schema} />
      <details>
        <summary className="cursor-pointer text-xs font-medium text-brand-700 dark:text-brand-100">JSON Schema</summary>
        <CodeBlock code={JSON.stringify(schema, null, 2)} label={label} className="mt-2" />
      </details>
    </div>
  );
}

export function ApiOperation({ id, method, path, op }: { id: string; method: string; path: string; op: Operation }) {
  const body = jsonSchema(op.requestBody);
  return (
    <Card id={id} className="scroll-mt-4 space-y-4 p-4">
      <div className="space-y-1">
        <h2 className="flex flex-wrap items-center gap-2 font-mono text-sm font-semibold">
          <Badge tone={TONES[method] ?? "neutral"} className="uppercase">
            {method}
          </Badge>
          <span className="break-all">/api/v1{path}</span>
        </h2>
        {op.summary ? <p className="text-sm">{op.summary}</p> : null}
        {op.description ? <p className="text-xs text-zinc-600 dark:text-zinc-400">{op.description}</p> : null}
      </div>
      {op.parameters?.length ? (
        <div>
          <h3 className="mb-1 text-xs font-semibold text-zinc-600 uppercase dark:text-zinc-400">Parameters</h3>
          <ul className="space-y-1 text-xs">
            {op.parameters.map((p) => (
              <li key={`${p.in}-${p.name}`}>
                <span className="font-mono font-semibold">{p.name}</span>{" "}
                <span className="text-zinc-600 dark:text-zinc-400">in {p.in}</span>
                {p.required ? <span className="ml-1 text-red-700 dark:text-red-400">required</span> : null}
                <span className="ml-2 inline-block align-top">
                  <SchemaView schema={p.schema} />
                </span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {body ? (
        <div>
          <h3 className="mb-1 text-xs font-semibold text-zinc-600 uppercase dark:text-zinc-400">Request body</h3>
          <SchemaBlock schema={body} label={`${method} ${path} request schema`} />
        </div>
      ) : null}
      {Object.entries(op.responses ?? {}).map(([status, res]) => (
        <div key={status}>
          <h3 className="mb-1 text-xs font-semibold text-zinc-600 uppercase dark:text-zinc-400">
            Response {status} {res.description ? `· ${res.description}` : ""}
          </h3>
          {jsonSchema(res) ? (
            <SchemaBlock schema={jsonSchema(res)} label={`${method} ${path} ${status} response schema`} />
          ) : null}
        </div>
      ))}
    </Card>
  );
}
