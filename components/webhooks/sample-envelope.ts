import type { EventType } from "@/lib/api-client/types";

// The catalogue serves only `data`; receivers get it inside this envelope. The organization id
// is a placeholder because samples are not tied to one organization.
export function sampleEnvelope(type: EventType, organizationId = "00000000-0000-4000-8000-000000000000"): string {
  return JSON.stringify(
    { event: type.name, timestamp: "2026-03-07T10:00:00Z", organization_id: organizationId, data: type.sample },
    null,
    2,
  );
}

/** Types an owner can subscribe to; the test ping is always sent and is not picked. */
export function subscribable(types: EventType[]): EventType[] {
  return types.filter((t) => t.name !== "webhook.test");
}
