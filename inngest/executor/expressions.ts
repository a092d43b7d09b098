/**
 * The small part of CEL that function configs use here: dotted paths (`event.data.x`),
 * string/number literals, `==`, `!=`, `&&`, `||` and `+` (concatenation). Anything else is
 * rejected at compile time so a key we cannot evaluate is reported, not silently ignored.
 */
export type Scope = Record<string, unknown>;
type Node = (scope: Scope) => unknown;

export function compileExpression(source: string): Node {
  const tokens =
    source.match(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|==|!=|&&|\|\||\+|[A-Za-z_][\w.]*|-?\d+(?:\.\d+)?|\S/g) ?? [];
  let pos = 0;
  const peek = () => tokens[pos];
  const fail = (why: string): never => {
    throw new Error(`unsupported expression "${source}": ${why}`);
  };
  const primary = (): Node => {
    const t = tokens[pos++];
    if (t === undefined) return fail("unexpected end");
    if (t.startsWith("'") || t.startsWith('"')) {
      const text = t.slice(1, -1).replace(/\\(.)/g, "$1");
      return () => text;
    }
    if (/^-?\d/.test(t)) return () => Number(t);
    if (t === "true" || t === "false") return () => t === "true";
    if (/^[A-Za-z_]/.test(t)) {
      const path = t.split(".");
      return (scope) =>
        path.reduce<unknown>((v, k) => (v !== null && typeof v === "object" ? (v as Scope)[k] : undefined), scope);
    }
    return fail(`unexpected "${t}"`);
  };
  const sum = (): Node => {
    let left = primary();
    while (peek() === "+") {
      pos++;
      const [l, r] = [left, primary()];
      left = (s) => {
        const a = l(s);
        const b = r(s);
        return typeof a === "number" && typeof b === "number" ? a + b : `${a ?? ""}${b ?? ""}`;
      };
    }
    return left;
  };
  const comparison = (): Node => {
    const left = sum();
    const op = peek();
    if (op !== "==" && op !== "!=") return left;
    pos++;
    const right = sum();
    return op === "==" ? (s) => left(s) === right(s) : (s) => left(s) !== right(s);
  };
  const logical = (): Node => {
    let left = comparison();
    while (peek() === "&&" || peek() === "||") {
      const op = tokens[pos++];
      const [l, r] = [left, comparison()];
      left = op === "&&" ? (s) => Boolean(l(s)) && Boolean(r(s)) : (s) => Boolean(l(s)) || Boolean(r(s));
    }
    return left;
  };
  const node = logical();
  if (pos < tokens.length) fail(`unexpected "${tokens[pos]}"`);
  return node;
}

/** A key expression's value as a string, or undefined when it evaluates to nothing. */
export function evaluateKey(node: Node, scope: Scope): string | undefined {
  const value = node(scope);
  if (value === undefined || value === null) return undefined;
  return typeof value === "string" ? value : JSON.stringify(value);
}
