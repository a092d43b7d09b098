import { ulid } from "./ids";
import type { IncomingEvent } from "./create-runs";

export const MAX_EVENT_BODY_BYTES = 512 * 1024;

export class EventApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Validates a POST /e/<key> body (one event or an array) into events to store. Everything is
 * checked before anything is queued: one bad event rejects the whole request.
 */
export function parseEvents(raw: string, now = Date.now()): IncomingEvent[] {
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    throw new EventApiError(400, "invalid_json", "Request body is not valid JSON");
  }
  const list = Array.isArray(body) ? body : [body];
  const seen = new Set<string>();
  const events: IncomingEvent[] = [];
  list.forEach((item, index) => {
    const where = Array.isArray(body) ? `event ${index}: ` : "";
    if (!item || typeof item !== "object" || Array.isArray(item))
      throw new EventApiError(400, "invalid_event", `${where}an event must be a JSON object`);
    const e = item as Record<string, unknown>;
    if (typeof e.name !== "string" || e.name.trim() === "")
      throw new EventApiError(400, "missing_name", `${where}"name" is required and must be a non-empty string`);
    if (e.name.startsWith("inngest/"))
      throw new EventApiError(400, "reserved_name", `${where}event names starting with "inngest/" are reserved`);
    if (e.data !== undefined && e.data !== null && (typeof e.data !== "object" || Array.isArray(e.data))) {
      throw new EventApiError(400, "invalid_data", `${where}"data" must be a JSON object`);
    }
    if (e.id !== undefined && e.id !== null && (typeof e.id !== "string" || e.id === ""))
      throw new EventApiError(400, "invalid_id", `${where}"id" must be a non-empty string`);
    if (e.ts !== undefined && e.ts !== null && typeof e.ts !== "number")
      throw new EventApiError(400, "invalid_ts", `${where}"ts" must be a number (ms since epoch)`);
    const dedupeKey = typeof e.id === "string" ? e.id : undefined;
    // A repeated id inside one request is the same event sent twice: keep the first.
    if (dedupeKey !== undefined && seen.has(dedupeKey)) return;
    if (dedupeKey !== undefined) seen.add(dedupeKey);
    const event = {
      ...e,
      name: e.name,
      data: (e.data as Record<string, unknown> | undefined) ?? {},
      id: ulid(now),
      ts: typeof e.ts === "number" ? e.ts : now,
    };
    events.push({ event, dedupeKey });
  });
  return events;
}
