import "server-only";
import { AppError } from "@/lib/errors";

/** A page's position in a list ordered by (created_at, id), newest first, as an opaque string. */
export function encodeCursor(createdAt: Date, id: string): string {
  return Buffer.from(`${createdAt.toISOString()}|${id}`).toString("base64url");
}

export function decodeCursor(cursor: string): [Date, string] {
  const [at, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const date = new Date(at);
  if (!id || Number.isNaN(date.getTime()) || !/^[0-9a-f-]{36}$/i.test(id)) {
    throw new AppError("validation_failed", "cursor: not a cursor returned by this API", [
      { field: "cursor", message: "not a cursor returned by this API" },
    ]);
  }
  return [date, id];
}
