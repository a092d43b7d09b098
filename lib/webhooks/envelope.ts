/**
 * The envelope every event uses, `{event, timestamp, organization_id, data}` in that order,
 * serialized once: these exact bytes are signed, sent and logged.
 */
export function serializeEnvelope(e: { event: string; timestamp: Date; organizationId: string; data: unknown }): string {
  // Second precision like the seed's examples ("2026-03-07T10:30:00Z").
  const timestamp = e.timestamp.toISOString().replace(/\.\d{3}Z$/, "Z");
  return JSON.stringify({ event: e.event, timestamp, organization_id: e.organizationId, data: e.data });
}
