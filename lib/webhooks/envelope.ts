/** The outer structure of every event, in the documented key order. */
export type Envelope<D = unknown> = { event: string; timestamp: string; organization_id: string; data: D };

/** `2026-03-07T10:30:00Z`: whole seconds in UTC, like every example in the seed. */
export function formatEventTimestamp(time: Date): string {
  return time.toISOString().replace(/\.\d{3}Z$/, "Z");
}

export function buildEnvelope<D>(e: { event: string; timestamp: Date; organizationId: string; data: D }): Envelope<D> {
  // Literal key order: JSON.stringify keeps insertion order, and the seed documents this one.
  return {
    event: e.event,
    timestamp: formatEventTimestamp(e.timestamp),
    organization_id: e.organizationId,
    data: e.data,
  };
}

/**
 * The envelope serialized once: these exact bytes are signed, sent and logged. Store and pass
 * on the returned string; never re-serialize a parsed copy (key order or number formatting
 * could differ and the signature would no longer match).
 */
export function serializeEnvelope(e: {
  event: string;
  timestamp: Date;
  organizationId: string;
  data: unknown;
}): string {
  return JSON.stringify(buildEnvelope(e));
}
