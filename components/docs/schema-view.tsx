// A readable outline of a JSON Schema: property names, types, required marks, formats, enums.
type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  format?: string;
  description?: string;
  anyOf?: Schema[];
  oneOf?: Schema[];
  nullable?: boolean;
};

function typeLabel(s: Schema): string {
  const variants = s.anyOf ?? s.oneOf;
  if (variants) return variants.map(typeLabel).join(" | ");
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(" | ");
  const t = Array.isArray(s.type) ? s.type.join(" | ") : (s.type ?? "any");
  if (t === "array" && s.items) return `${typeLabel(s.items)}[]`;
  return s.format ? `${t} (${s.format})` : t;
}

function childObject(s: Schema): Schema | null {
  if (s.properties) return s;
  if (s.items?.properties) return s.items;
  const variant = (s.anyOf ?? s.oneOf)?.find((v) => v.properties || v.items?.properties);
  return variant ? childObject(variant) : null;
}

export function SchemaView({ schema, depth = 0 }: { schema: unknown; depth?: number }) {
  const s = (schema ?? {}) as Schema;
  const obj = childObject(s);
  if (!obj?.properties) return <p className="font-mono text-xs text-zinc-600 dark:text-zinc-400">{typeLabel(s)}</p>;
  const required = new Set(obj.required ?? []);
  return (
    <ul className={depth ? "mt-1 space-y-1 border-l border-zinc-200 pl-3 dark:border-zinc-800" : "space-y-1"}>
      {Object.entries(obj.properties).map(([name, child]) => (
        <li key={name} className="text-xs">
          <span className="font-mono font-semibold">{name}</span>{" "}
          <span className="font-mono text-zinc-600 dark:text-zinc-400">{typeLabel(child)}</span>
          {required.has(name) ? <span className="ml-1 text-red-700 dark:text-red-400">required</span> : null}
          {child.description ? (
            <span className="ml-2 text-zinc-600 dark:text-zinc-400">{child.description}</span>
          ) : null}
          {depth < 4 && childObject(child) ? <SchemaView schema={child} depth={depth + 1} /> : null}
        </li>
      ))}
    </ul>
  );
}
