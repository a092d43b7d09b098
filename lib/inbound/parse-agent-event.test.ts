import { describe, expect, it } from "vitest";
import { fixtureJson } from "@/test/support/load-fixture";
import { parseAgentEvent } from "./parse-agent-event";

const fixtures =
  fixtureJson<Record<string, { type: string; organization_id: string; data: Record<string, unknown> }>>(
    "agent-events.json",
  );
const body = (value: unknown) => JSON.stringify(value);
const withData = (type: string, data: Record<string, unknown>) =>
  body({ ...fixtures[type], data: { ...fixtures[type].data, ...data } });

describe("parseAgentEvent", () => {
  it.each(Object.keys(fixtures))("accepts the %s fixture as a typed command with a dedupe key", (type) => {
    const result = parseAgentEvent(body(fixtures[type]));
    expect(result).toMatchObject({
      ok: true,
      command: {
        type,
        organization_id: fixtures[type].organization_id,
        data: fixtures[type].data,
        dedupeKey: expect.stringMatching(/^agent:/),
      },
    });
  });

  it("turns absent optional fields into null, so absent and null are the same event", () => {
    const absent = parseAgentEvent(body({ ...fixtures.new_lead, data: { name: "Bo", channel: "sms" } }));
    const nulls = parseAgentEvent(
      body({ ...fixtures.new_lead, data: { name: "Bo", channel: "sms", email: null, phone: "" } }),
    );
    expect(absent).toMatchObject({
      ok: true,
      command: { data: { name: "Bo", email: null, phone: null, channel: "sms" } },
    });
    expect(absent.ok && nulls.ok && absent.command.dedupeKey === nulls.command.dedupeKey).toBe(true);
    expect(
      parseAgentEvent(
        body({
          ...fixtures.booking_request,
          data: {
            lead_id: fixtures.booking_request.data.lead_id,
            service: "Haircut",
            start_time: "2026-03-20T14:00:00Z",
          },
        }),
      ),
    ).toMatchObject({
      ok: true,
      command: { data: { end_time: null, notes: null } },
    });
  });

  it("answers malformed or empty JSON with a 400", () => {
    expect(parseAgentEvent("{not json")).toMatchObject({
      ok: false,
      status: 400,
      code: "bad_request",
      message: expect.stringContaining("not valid JSON"),
    });
    expect(parseAgentEvent("")).toMatchObject({ ok: false, status: 400, code: "bad_request" });
  });

  it.each([
    [
      withData("booking_request", { start_time: "next tuesday" }),
      "data.start_time: Invalid ISO datetime (expected e.g. 2026-03-20T14:00:00Z)",
    ],
    [
      withData("booking_request", { start_time: "2026-03-20T14:00:00" }),
      "data.start_time: Invalid ISO datetime (expected e.g. 2026-03-20T14:00:00Z)",
    ],
    [withData("booking_request", { end_time: "2026-03-20T13:00:00Z" }), "data.end_time: must be after start_time"],
    [
      withData("new_lead", { channel: "pigeon" }),
      "data.channel: must be one of whatsapp, telegram, phone, webchat, email, sms",
    ],
    [withData("new_lead", { name: 42 }), "data.name: Invalid input: expected string, received number"],
    [withData("new_lead", { email: "not-an-email" }), "data.email: must be an email address"],
    [
      withData("status_update", { status: "won" }),
      "data.status: must be one of new, contacted, qualified, booked, lost",
    ],
    [withData("status_update", { lead_id: "42" }), "data.lead_id: must be a UUID"],
    [withData("message_logged", { direction: "sideways" }), "data.direction: must be inbound or outbound"],
    [withData("escalation", { conversation_id: undefined }), "data.conversation_id: is required"],
    [body({ ...fixtures.new_lead, organization_id: "acme" }), "organization_id: must be a UUID"],
    [
      body({ ...fixtures.new_lead, type: "teleport" }),
      "type: must be one of new_lead, status_update, booking_request, message_logged, escalation",
    ],
    [body([1, 2]), "body: must be a JSON object with type, organization_id and data"],
  ])("answers %s with a 422 naming the field", (raw, message) => {
    const result = parseAgentEvent(raw);
    expect(result).toMatchObject({ ok: false, status: 422, code: "validation_failed" });
    expect(!result.ok && result.message).toBe(message);
    expect(!result.ok && result.details?.[0]).toEqual({
      field: message.split(": ")[0],
      message: message.split(": ").slice(1).join(": "),
    });
  });
});
