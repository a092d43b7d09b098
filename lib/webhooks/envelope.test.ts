import { describe, expect, it } from "vitest";
import { formatEventTimestamp, serializeEnvelope } from "./envelope";

const input = {
  event: "booking.created",
  timestamp: new Date("2026-03-07T10:30:00.456Z"),
  organizationId: "550e8400-e29b-41d4-a716-446655440000",
  data: { id: "770a9400-e29b-41d4-a716-446655440002", service: "Färben & Föhnen ✂️" },
};

describe("envelope", () => {
  it("has exactly event, timestamp, organization_id and data, in that order", () => {
    const body = serializeEnvelope(input);
    expect(Object.keys(JSON.parse(body))).toEqual(["event", "timestamp", "organization_id", "data"]);
    expect(
      body.startsWith('{"event":"booking.created","timestamp":"2026-03-07T10:30:00Z","organization_id":"550e8400-'),
    ).toBe(true);
  });

  it("writes the time like the seed: UTC, whole seconds, Z", () => {
    expect(formatEventTimestamp(new Date("2026-03-07T11:30:00.999+01:00"))).toBe("2026-03-07T10:30:00Z");
  });

  it("keeps non-ASCII text as UTF-8, so the signed bytes are the sent bytes", () => {
    const body = serializeEnvelope(input);
    expect(body).toContain("Färben & Föhnen ✂️");
    expect(serializeEnvelope(input)).toBe(body);
  });
});
