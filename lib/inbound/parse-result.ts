import type { z } from "zod";
import type { ErrorDetail } from "@/lib/errors";

export type ParseFailure = {
  ok: false;
  status: 400 | 422;
  code: "bad_request" | "validation_failed";
  message: string;
  details?: ErrorDetail[];
};

export type ParseResult<T> = { ok: true; command: T } | ParseFailure;

/** JSON from raw bytes; unparseable or empty → 400 (the body is not what any source sends). */
export function parseJsonBody(raw: Uint8Array | string): { ok: true; value: unknown } | ParseFailure {
  const text = typeof raw === "string" ? raw : Buffer.from(raw).toString("utf8");
  if (!text.trim())
    return { ok: false, status: 400, code: "bad_request", message: "Request body is empty; expected a JSON object." };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return {
      ok: false,
      status: 400,
      code: "bad_request",
      message: `Request body is not valid JSON: ${(error as Error).message}`,
    };
  }
}

function fieldName(path: readonly PropertyKey[]): string {
  if (path.length === 0) return "body";
  return path.reduce<string>(
    (name, key) => (typeof key === "number" ? `${name}[${key}]` : name ? `${name}.${String(key)}` : String(key)),
    "",
  );
}

/** Schema errors → 422 naming each field, e.g. `data.start_time: Invalid ISO datetime`. */
export function validationFailure(error: z.ZodError): ParseFailure {
  const details = error.issues.map((issue) => ({
    field: fieldName(issue.path),
    // Parsed with reportInput, so a missing field is told apart from a wrong one.
    message:
      issue.code === "invalid_type" && "input" in issue && issue.input === undefined ? "is required" : issue.message,
  }));
  return {
    ok: false,
    status: 422,
    code: "validation_failed",
    message: details.map((d) => `${d.field}: ${d.message}`).join("; "),
    details,
  };
}

/** A parsed JSON value against a schema; a mismatch → 422. */
export function validate<S extends z.ZodType>(
  value: unknown,
  schema: S,
): { ok: true; value: z.output<S> } | ParseFailure {
  const result = schema.safeParse(value, { reportInput: true });
  return result.success ? { ok: true, value: result.data } : validationFailure(result.error);
}

/** JSON + schema in one step: the shared front half of every parser. */
export function parseBody<S extends z.ZodType>(
  raw: Uint8Array | string,
  schema: S,
): { ok: true; value: z.output<S> } | ParseFailure {
  const json = parseJsonBody(raw);
  return json.ok ? validate(json.value, schema) : json;
}
