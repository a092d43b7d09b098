import { z } from "zod";

// An endpoint's payload filter: conditions on the envelope by dot path, all of which must hold.
// Shared by the API, the form (its preview) and the emit, which applies the same rules in SQL
// (webhook_filter_matches in prisma/migrations/20261130150000_endpoint_controls; the two are
// checked against one table of cases in payload-filter.integration.test.ts).

type Scalar = string | number | boolean | null;
/** A filter that passed payloadFilterSchema. */
export type PayloadFilter = Record<string, unknown>;

const COMPARISONS = ["$gt", "$gte", "$lt", "$lte"] as const;
export const FILTER_OPERATORS = ["$eq", "$ne", "$in", "$nin", "$exists", ...COMPARISONS] as const;
type Operator = (typeof FILTER_OPERATORS)[number];

const MAX_CONDITIONS = 20;
const MAX_ALTERNATIVES = 10;
const MAX_DEPTH = 3;
const MAX_LIST = 100;
const MAX_JSON_CHARS = 4096;
// Names as the envelope spells them, or an array index; no negative or padded index, which the
// SQL side would read differently.
const SEGMENT = /^([A-Za-z_][A-Za-z0-9_]*|0|[1-9][0-9]*)$/;

type Problem = { path: (string | number)[]; message: string };

function isScalar(v: unknown): v is Scalar {
  return v === null || ["string", "number", "boolean"].includes(typeof v);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** What is wrong with a filter, each problem with the path of its bad part; empty when it is valid. */
export function filterProblems(filter: unknown): Problem[] {
  const problems: Problem[] = [];
  if (JSON.stringify(filter)?.length > MAX_JSON_CHARS)
    return [{ path: [], message: `must be at most ${MAX_JSON_CHARS} characters of JSON` }];
  checkConditions(filter, [], 1, problems);
  return problems;
}

function checkConditions(filter: unknown, at: (string | number)[], depth: number, out: Problem[]): void {
  if (!isPlainObject(filter)) {
    out.push({ path: at, message: 'must be an object of conditions, like {"data.status": "new"}' });
    return;
  }
  const keys = Object.keys(filter);
  if (keys.length === 0) out.push({ path: at, message: "needs at least one condition" });
  if (keys.length > MAX_CONDITIONS) out.push({ path: at, message: `at most ${MAX_CONDITIONS} conditions` });
  for (const key of keys) {
    const value = filter[key];
    const here = [...at, key];
    if (key === "$or") {
      if (depth >= MAX_DEPTH) out.push({ path: here, message: `$or may nest at most ${MAX_DEPTH - 1} deep` });
      else if (!Array.isArray(value) || value.length === 0 || value.length > MAX_ALTERNATIVES)
        out.push({ path: here, message: `must be a list of 1 to ${MAX_ALTERNATIVES} filters` });
      else value.forEach((alt, i) => checkConditions(alt, [...here, i], depth + 1, out));
      continue;
    }
    if (key.startsWith("$")) {
      out.push({ path: here, message: `unknown operator ${key} here: conditions are keyed by a dot path, or $or` });
      continue;
    }
    if (key.length > 200 || !key.split(".").every((s) => SEGMENT.test(s))) {
      out.push({ path: here, message: "is not a dot path like data.status or data.lead.phone" });
      continue;
    }
    checkCondition(value, here, out);
  }
}

function checkCondition(value: unknown, at: (string | number)[], out: Problem[]): void {
  if (isScalar(value)) return;
  if (Array.isArray(value)) {
    out.push({ path: at, message: 'a list is not a value to compare with: use {"$in": [...]}' });
    return;
  }
  const ops = Object.entries(value as Record<string, unknown>);
  if (ops.length === 0) out.push({ path: at, message: "needs at least one operator" });
  for (const [op, arg] of ops) {
    const here = [...at, op];
    if (!(FILTER_OPERATORS as readonly string[]).includes(op)) {
      out.push({ path: here, message: `unknown operator; use one of ${FILTER_OPERATORS.join(", ")}` });
    } else if (op === "$eq" || op === "$ne") {
      if (!isScalar(arg)) out.push({ path: here, message: "must be a string, number, boolean or null" });
    } else if (op === "$in" || op === "$nin") {
      if (!Array.isArray(arg) || arg.length === 0 || arg.length > MAX_LIST || !arg.every(isScalar))
        out.push({ path: here, message: `must be a list of 1 to ${MAX_LIST} strings, numbers, booleans or nulls` });
    } else if (op === "$exists") {
      if (typeof arg !== "boolean") out.push({ path: here, message: "must be true or false" });
    } else if (typeof arg !== "number" && typeof arg !== "string") {
      out.push({ path: here, message: "must be a number or a string" });
    }
  }
}

/** The filter as the API and the form take it: a valid filter object, or null for none. */
export const payloadFilterSchema = z
  .record(z.string(), z.unknown())
  .nullable()
  .superRefine((filter, ctx) => {
    if (filter === null) return;
    for (const p of filterProblems(filter)) ctx.addIssue({ code: "custom", path: p.path, message: p.message });
  })
  .describe(
    "Conditions on the envelope by dot path, all of which must hold, e.g. " +
      '{"data.channel": {"$in": ["phone", "whatsapp"]}, "data.status": "new"}; operators $eq, $ne, $in, $nin, ' +
      "$exists, $gt, $gte, $lt, $lte, and $or: [filters]. null sends every subscribed event.",
  );

/** The value at a dot path, or undefined when the path leads nowhere. */
function valueAt(doc: unknown, path: string): unknown {
  let here: unknown = doc;
  for (const segment of path.split(".")) {
    if (Array.isArray(here)) {
      if (!/^(0|[1-9][0-9]*)$/.test(segment)) return undefined;
      here = here[Number(segment)];
    } else if (isPlainObject(here) && Object.hasOwn(here, segment)) {
      here = here[segment];
    } else {
      return undefined;
    }
  }
  return here;
}

// JSON equality of a value with a scalar: the same type and value (an object or a list never
// equals a scalar).
function same(actual: unknown, expected: unknown): boolean {
  return actual !== undefined && isScalar(actual) && actual === expected;
}

// Strings compare by code point order, as PostgreSQL's "C" collation does.
function compare(actual: unknown, expected: number | string): number | null {
  if (typeof actual !== typeof expected) return null;
  if (typeof actual === "number") return actual - (expected as number);
  const a = [...(actual as string)].map((c) => c.codePointAt(0)!);
  const b = [...(expected as string)].map((c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

function holds(op: Operator, actual: unknown, arg: unknown): boolean {
  switch (op) {
    case "$eq":
      return same(actual, arg);
    case "$ne":
      return !same(actual, arg);
    case "$in":
      return (arg as unknown[]).some((a) => same(actual, a));
    case "$nin":
      return !(arg as unknown[]).some((a) => same(actual, a));
    case "$exists":
      return (actual !== undefined) === arg;
    default: {
      const c = compare(actual, arg as number | string);
      if (c === null) return false;
      return op === "$gt" ? c > 0 : op === "$gte" ? c >= 0 : op === "$lt" ? c < 0 : c <= 0;
    }
  }
}

/** Whether an envelope passes a (valid) filter; no filter passes everything. */
export function matchesFilter(filter: PayloadFilter | null, envelope: unknown): boolean {
  if (!filter) return true;
  return Object.entries(filter).every(([key, cond]) => {
    if (key === "$or") return (cond as PayloadFilter[]).some((alt) => matchesFilter(alt, envelope));
    const actual = valueAt(envelope, key);
    const ops = isPlainObject(cond) ? Object.entries(cond) : [["$eq", cond] as const];
    return ops.every(([op, arg]) => holds(op as Operator, actual, arg));
  });
}
