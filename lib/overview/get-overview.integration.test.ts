import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { setUpTestDb } from "@/test/support/test-db";
import { createTestOrganization } from "@/test/support/webhook-fixtures";
import { getOverview } from "./get-overview";

// The Overview's figures against seeded rows at known instants. "now" is Wednesday 2026-11-25
// 06:30 UTC, which is still Tuesday 22:30 in Los Angeles: the same rows count differently by zone.
const ctx = setUpTestDb();
const NOW = new Date("2026-11-25T06:30:00Z");
const at = (iso: string) => new Date(iso);
let org: string;
let other: string;
let empty: string;

async function lead(organizationId: string, createdAt: string) {
  await ctx.db.lead.create({
    data: { organizationId, name: `Lead ${createdAt}`, channel: "phone", createdAt: at(createdAt) },
  });
}

async function delivery(
  organizationId: string,
  endpointId: string,
  status: "succeeded" | "failed" | "pending",
  createdAt: string,
  isTest = false,
) {
  const event = await ctx.db.webhookEvent.create({
    data: { id: randomUUID(), organizationId, type: "lead.created", payload: "{}", occurredAt: at(createdAt) },
  });
  await ctx.db.webhookDelivery.create({
    data: {
      organizationId,
      eventId: event.id,
      endpointId,
      eventType: "lead.created",
      status,
      isTest,
      createdAt: at(createdAt),
    },
  });
}

beforeAll(async () => {
  org = (await createTestOrganization(ctx.db)).id;
  other = (await createTestOrganization(ctx.db)).id;
  empty = (await createTestOrganization(ctx.db)).id;
  for (const createdAt of [
    "2026-11-25T01:00:00Z", // today in UTC and in Los Angeles (Tue 17:00)
    "2026-11-24T05:00:00Z", // UTC: Tuesday; LA: Monday 21:00 — this week in both, today in neither
    "2026-11-23T03:00:00Z", // UTC: this Monday; LA: last Sunday, after last week's "so far" cut-off
    "2026-11-18T02:00:00Z", // last Wednesday before 06:30 UTC: previous "today" in both
    "2026-11-18T09:00:00Z", // last Wednesday after this time of day: counted nowhere
    "2026-11-16T05:00:00Z", // UTC: last Monday; LA: the Sunday before, outside both weeks
    "2026-11-25T07:00:00Z", // after "now"
  ])
    await lead(org, createdAt);
  await lead(other, "2026-11-25T01:00:00Z");

  const booking = { service: "Cut", source: "dashboard" } as const;
  const lena = await ctx.db.lead.create({
    data: { organizationId: org, name: "Lena", channel: "phone", createdAt: at("2026-11-01T00:00:00Z") },
  });
  await ctx.db.booking.createMany({
    data: [
      {
        ...booking,
        organizationId: org,
        leadId: lena.id,
        status: "confirmed",
        startTime: at("2026-11-26T09:00:00Z"),
        createdAt: at("2026-11-25T02:00:00Z"),
      },
      {
        ...booking,
        organizationId: org,
        status: "requested",
        startTime: at("2026-11-27T09:00:00Z"),
        createdAt: at("2026-11-18T01:00:00Z"),
      },
      {
        ...booking,
        organizationId: org,
        status: "cancelled",
        startTime: at("2026-11-28T09:00:00Z"),
        createdAt: at("2026-11-18T01:00:00Z"),
      },
      {
        ...booking,
        organizationId: org,
        status: "confirmed",
        startTime: at("2026-11-20T09:00:00Z"),
        createdAt: at("2026-11-10T01:00:00Z"),
      },
      {
        ...booking,
        organizationId: other,
        status: "confirmed",
        startTime: at("2026-11-26T09:00:00Z"),
        createdAt: at("2026-11-25T02:00:00Z"),
      },
    ],
  });
  await ctx.db.conversation.createMany({
    data: [
      {
        organizationId: org,
        leadId: lena.id,
        channel: "whatsapp",
        status: "escalated",
        escalationReason: "Wants a manager",
        escalatedAt: at("2026-11-24T10:00:00Z"),
      },
      {
        organizationId: org,
        channel: "phone",
        status: "escalated",
        escalationReason: "Complaint",
        escalatedAt: at("2026-11-25T05:00:00Z"),
      },
      { organizationId: org, channel: "phone", status: "open" },
      { organizationId: other, channel: "phone", status: "escalated" },
    ],
  });

  const endpoint = (organizationId: string, url: string, extra: object = {}) =>
    ctx.db.webhookEndpoint.create({
      data: { organizationId, url, eventTypes: ["lead.created"], secretEncrypted: "x", ...extra },
    });
  const healthy = await endpoint(org, "https://hooks.example/healthy");
  await endpoint(org, "https://hooks.example/failing", { consecutiveFailures: 4 });
  await endpoint(org, "https://hooks.example/gone", { enabled: false, disabledReason: "410 Gone", disabledAt: NOW });
  const elsewhere = await endpoint(other, "https://hooks.example/other", { enabled: false });
  await delivery(org, healthy.id, "succeeded", "2026-11-25T06:10:00Z");
  await delivery(org, healthy.id, "succeeded", "2026-11-25T06:20:00Z");
  await delivery(org, healthy.id, "failed", "2026-11-24T08:15:00Z"); // the oldest hour shown
  await delivery(org, healthy.id, "pending", "2026-11-25T05:59:00Z");
  await delivery(org, healthy.id, "failed", "2026-11-24T06:15:00Z"); // 24 h 15 min ago: outside
  await delivery(org, healthy.id, "succeeded", "2026-11-25T06:00:00Z", true); // a test ping: not counted
  await delivery(other, elsewhere.id, "failed", "2026-11-25T06:00:00Z");
});

describe("getOverview", () => {
  it("counts leads and bookings by calendar day and Monday-first week in UTC, against the same span last week", async () => {
    const o = await getOverview(ctx.db, org, "UTC", NOW);
    expect(o.leads).toEqual({ today: { current: 1, previous: 1 }, week: { current: 3, previous: 2 } });
    expect(o.bookings).toEqual({ today: { current: 1, previous: 2 }, week: { current: 1, previous: 2 } });
    expect(o.empty).toBe(false);
  });

  it("counts the same rows in the organization's viewer's time zone (Los Angeles is still on Tuesday)", async () => {
    const o = await getOverview(ctx.db, org, "America/Los_Angeles", NOW);
    expect(o.leads).toEqual({ today: { current: 1, previous: 1 }, week: { current: 2, previous: 1 } });
    // 02:00 UTC is Tuesday 18:00 there: today. The ones on the 18th at 01:00 UTC are Tuesday 17:00: last week's today.
    expect(o.bookings).toEqual({ today: { current: 1, previous: 2 }, week: { current: 1, previous: 2 } });
    expect(o.time_zone).toBe("America/Los_Angeles");
  });

  it("lists upcoming live bookings soonest first and the open escalations, newest first, of this organization only", async () => {
    const o = await getOverview(ctx.db, org, "UTC", NOW);
    expect(o.upcoming_bookings.total).toBe(2);
    expect(o.upcoming_bookings.next.map((b) => [b.start_time, b.status, b.lead_name])).toEqual([
      ["2026-11-26T09:00:00.000Z", "confirmed", "Lena"],
      ["2026-11-27T09:00:00.000Z", "requested", null],
    ]);
    expect(o.open_escalations.total).toBe(2);
    expect(o.open_escalations.latest.map((c) => [c.reason, c.lead_name])).toEqual([
      ["Complaint", null],
      ["Wants a manager", "Lena"],
    ]);
  });

  it("buckets the last 24 hours of real deliveries by outcome and names the endpoints that need attention", async () => {
    const o = await getOverview(ctx.db, org, "UTC", NOW);
    const hours = o.webhooks.deliveries_24h;
    expect(hours).toHaveLength(24);
    expect(hours[0]).toEqual({ start: "2026-11-24T07:00:00.000Z", succeeded: 0, failed: 0, pending: 0 });
    expect(hours[1]).toEqual({ start: "2026-11-24T08:00:00.000Z", succeeded: 0, failed: 1, pending: 0 });
    expect(hours[22]).toEqual({ start: "2026-11-25T05:00:00.000Z", succeeded: 0, failed: 0, pending: 1 });
    expect(hours[23]).toEqual({ start: "2026-11-25T06:00:00.000Z", succeeded: 2, failed: 0, pending: 0 });
    expect(o.webhooks.endpoints).toBe(3);
    expect(o.webhooks.attention.map((e) => [e.url, e.state, e.consecutive_failures, e.disabled_reason])).toEqual([
      ["https://hooks.example/gone", "disabled", 0, "410 Gone"],
      ["https://hooks.example/failing", "failing", 4, null],
    ]);
  });

  it("weeks and days follow the wall clock across a DST change (Berlin, the week after summer time ended)", async () => {
    const berlin = (await createTestOrganization(ctx.db)).id;
    const now = new Date("2026-10-28T10:00:00Z"); // Wednesday 11:00 CET; a week earlier 11:00 CEST was 09:00 UTC
    await lead(berlin, "2026-10-21T08:30:00Z"); // last Wednesday 10:30 CEST: before the same time
    await lead(berlin, "2026-10-21T09:30:00Z"); // last Wednesday 11:30 CEST: after it
    await lead(berlin, "2026-10-25T22:59:00Z"); // Sunday 23:59 CET: last week
    await lead(berlin, "2026-10-25T23:00:00Z"); // Monday 00:00 CET: this week
    const o = await getOverview(ctx.db, berlin, "Europe/Berlin", now);
    expect(o.leads).toEqual({ today: { current: 0, previous: 1 }, week: { current: 1, previous: 1 } });
  });

  it("says an organization with nothing yet is empty", async () => {
    const o = await getOverview(ctx.db, empty, "UTC", NOW);
    expect(o.empty).toBe(true);
    expect(o.leads.week).toEqual({ current: 0, previous: 0 });
    expect(o.webhooks.deliveries_24h.every((h) => h.succeeded + h.failed + h.pending === 0)).toBe(true);
    expect(o.webhooks.attention).toEqual([]);
  });
});
