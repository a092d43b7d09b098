import { describe, expect, it } from "vitest";
import { setUpTestDb } from "@/test/support/test-db";
import { matchesFilter, type PayloadFilter } from "./payload-filter";

// The emit applies filters in SQL (webhook_filter_matches); the form's preview in TypeScript
// (matchesFilter). Both must answer the same on every case here.
const t = setUpTestDb();

const envelope = {
  event: "lead.created",
  timestamp: "2026-03-07T10:00:00Z",
  organization_id: "00000000-0000-4000-8000-000000000000",
  data: {
    id: "3f1c2a9e-0000-4000-8000-000000000001",
    name: "Jane Smith",
    email: null,
    channel: "phone",
    status: "new",
    score: 42,
    ratio: 0.5,
    vip: false,
    tags: ["a", "b"],
    lead: { phone: "+49123", nested: { deep: "é" } },
  },
};

const CASES: [PayloadFilter, boolean][] = [
  [{}, true],
  [{ event: "lead.created" }, true],
  [{ event: "lead.updated" }, false],
  [{ "data.channel": { $eq: "phone" } }, true],
  [{ "data.channel": { $ne: "phone" } }, false],
  [{ "data.channel": { $ne: "whatsapp" } }, true],
  [{ "data.missing": { $ne: "x" } }, true],
  [{ "data.missing": { $eq: null } }, false],
  [{ "data.email": null }, true],
  [{ "data.email": { $exists: true } }, true],
  [{ "data.missing": { $exists: false } }, true],
  [{ "data.missing": { $exists: true } }, false],
  [{ "data.channel": { $in: ["phone", "whatsapp"] } }, true],
  [{ "data.channel": { $in: ["sms", "whatsapp"] } }, false],
  [{ "data.channel": { $nin: ["sms", "whatsapp"] } }, true],
  [{ "data.channel": { $nin: ["phone"] } }, false],
  [{ "data.missing": { $nin: ["phone"] } }, true],
  [{ "data.missing": { $in: [null] } }, false],
  [{ "data.email": { $in: [null, "x"] } }, true],
  [{ "data.score": 42 }, true],
  [{ "data.score": 42.0 }, true],
  [{ "data.score": "42" }, false],
  [{ "data.score": { $gt: 41 } }, true],
  [{ "data.score": { $gt: 42 } }, false],
  [{ "data.score": { $gte: 42 } }, true],
  [{ "data.score": { $lt: 42.5 } }, true],
  [{ "data.score": { $lte: 41.99 } }, false],
  [{ "data.score": { $gt: "1" } }, false],
  [{ "data.ratio": { $gt: 0.25, $lt: 0.75 } }, true],
  [{ "data.vip": false }, true],
  [{ "data.vip": 0 }, false],
  [{ "data.vip": { $gt: 0 } }, false],
  [{ timestamp: { $gte: "2026-03-07T00:00:00Z" } }, true],
  [{ timestamp: { $lt: "2026-03-07T00:00:00Z" } }, false],
  [{ "data.name": { $gt: "Jane" } }, true],
  [{ "data.name": { $lt: "jane" } }, true],
  [{ "data.lead.nested.deep": { $gt: "z" } }, true],
  [{ "data.channel": { $gt: 5 } }, false],
  [{ "data.tags": "a" }, false],
  [{ "data.tags.0": "a" }, true],
  [{ "data.tags.1": { $in: ["b"] } }, true],
  [{ "data.tags.2": { $exists: true } }, false],
  [{ "data.lead": { $exists: true } }, true],
  [{ "data.lead": { $ne: "x" } }, true],
  [{ "data.lead.phone": "+49123" }, true],
  [{ "data.channel.x": { $exists: true } }, false],
  [{ "data.channel": "phone", "data.status": "new" }, true],
  [{ "data.channel": "phone", "data.status": "lost" }, false],
  [{ $or: [{ "data.channel": "sms" }, { "data.status": "new" }] }, true],
  [{ $or: [{ "data.channel": "sms" }, { "data.status": "lost" }] }, false],
  [{ $or: [{ "data.channel": "sms" }, { $or: [{ "data.vip": false }] }], "data.score": { $gte: 40 } }, true],
  [{ $or: [{ "data.channel": "phone" }], "data.score": { $lt: 40 } }, false],
];

describe("a payload filter", () => {
  it.each(CASES)("%j: %s, in TypeScript and in SQL alike", async (filter, expected) => {
    expect(matchesFilter(filter, envelope)).toBe(expected);
    const [row] = await t.db.$queryRaw<{ ok: boolean }[]>`
      SELECT webhook_filter_matches(${JSON.stringify(filter)}::jsonb, ${JSON.stringify(envelope)}::jsonb) AS ok`;
    expect(row.ok).toBe(expected);
  });
});
