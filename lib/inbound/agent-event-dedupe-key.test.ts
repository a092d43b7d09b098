import { describe, expect, it } from "vitest";
import { agentEventDedupeKey } from "./agent-event-dedupe-key";
import { canonicalJson } from "./canonical-json";

const ORG = "550e8400-e29b-41d4-a716-446655440000";
const event = {
  type: "new_lead",
  organization_id: ORG,
  data: { name: "Jane Smith", email: "jane@example.com", channel: "whatsapp", tags: [{ b: 1, a: 2 }] },
};

describe("agentEventDedupeKey", () => {
  it("is the same whatever the key order, at any depth", () => {
    const reordered = {
      data: { tags: [{ a: 2, b: 1 }], channel: "whatsapp", email: "jane@example.com", name: "Jane Smith" },
      organization_id: ORG,
      type: "new_lead",
    };
    expect(agentEventDedupeKey(reordered)).toBe(agentEventDedupeKey(event));
    expect(agentEventDedupeKey(event)).toMatch(/^agent:[0-9a-f]{64}$/);
  });

  it("differs when the type, organization or any data value differs", () => {
    const key = agentEventDedupeKey(event);
    expect(agentEventDedupeKey({ ...event, type: "status_update" })).not.toBe(key);
    expect(agentEventDedupeKey({ ...event, organization_id: "550e8400-e29b-41d4-a716-446655440001" })).not.toBe(key);
    expect(agentEventDedupeKey({ ...event, data: { ...event.data, name: "Jane Smyth" } })).not.toBe(key);
    expect(agentEventDedupeKey({ ...event, data: { ...event.data, tags: [{ b: 1, a: 3 }] } })).not.toBe(key);
  });

  it("ignores fields outside type, organization_id and data", () => {
    expect(agentEventDedupeKey({ ...event, sent_at: "2026-03-07T10:00:00Z" } as typeof event)).toBe(
      agentEventDedupeKey(event),
    );
  });
});

describe("canonicalJson", () => {
  it("sorts keys, keeps array order and drops undefined members", () => {
    expect(canonicalJson({ b: [3, 1], a: { d: null, c: undefined, e: "x" } })).toBe(
      '{"a":{"d":null,"e":"x"},"b":[3,1]}',
    );
  });
});
