import "server-only";
import { asAppError } from "@/lib/errors";
import { logger } from "@/lib/logger";

/** An error as the API answers it: an AppError's own status and body, anything else a logged 500. */
export function errorResponse(error: unknown): Response {
  const known = asAppError(error);
  if (known) return Response.json(known.toJSON(), { status: known.status, headers: known.headers });
  logger.error(
    { err: error instanceof Error ? { message: error.message, stack: error.stack } : String(error) },
    "unhandled API error",
  );
  return Response.json(
    { error: { code: "internal_error", message: "Something went wrong on our side. It has been logged." } },
    { status: 500 },
  );
}
