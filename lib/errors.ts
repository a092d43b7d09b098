// Errors that reach users and API clients as `{ "error": { code, message, details? } }`.
export type ErrorCode = "bad_request" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "validation_failed" | "rate_limited" | "payload_too_large";

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
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
