// Errors that reach users and API clients as `{ "error": { code, message, details? } }`.
export type ErrorCode =
  | "bad_request"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "gone"
  | "validation_failed"
  | "rate_limited"
  | "payload_too_large";

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  payload_too_large: 413,
  validation_failed: 422,
  rate_limited: 429,
};

export type ErrorDetail = { field: string; message: string };

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetail[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.status = STATUS[code];
  }

  toJSON() {
    return { error: { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) } };
  }
}

export function validationError(details: ErrorDetail[]): AppError {
  return new AppError("validation_failed", details.map((d) => `${d.field}: ${d.message}`).join("; "), details);
}

export function notFound(what: string): AppError {
  return new AppError("not_found", `${what} not found`);
}

/**
 * The error as users see it: an AppError, or a PostgreSQL "data exception" (SQLSTATE class 22:
 * a NUL character in text, an integer out of range, an impossible date) that slipped past
 * validation, as a 422 naming the problem, so such input never answers 500. Null otherwise.
 */
export function asAppError(error: unknown): AppError | null {
  if (error instanceof AppError) return error;
  const cause = (
    error as { meta?: { driverAdapterError?: { cause?: { originalCode?: unknown; originalMessage?: unknown } } } }
  )?.meta?.driverAdapterError?.cause;
  if (typeof cause?.originalCode !== "string" || !cause.originalCode.startsWith("22")) return null;
  return new AppError(
    "validation_failed",
    `A value in the request cannot be stored: ${String(cause.originalMessage ?? "invalid value")}.`,
  );
}
