import { describe, expect, it } from "vitest";
import { filterProblems, matchesFilter, payloadFilterSchema } from "./payload-filter";

describe("filterProblems", () => {
  it("accepts the documented shapes", () => {
    expect(
      filterProblems({
        "data.channel": { $in: ["phone", "whatsapp"] },
        "data.status": "new",
        "data.tags.0": { $exists: true },
        $or: [{ "data.score": { $gte: 10, $lt: 20 } }, { timestamp: { $gt: "2026-01-01" } }],
      }),
    ).toEqual([]);
  });

  it.each([
    [{ "data.channel": { $in: "phone" } }, ["data.channel", "$in"]],
    [{ "data.channel": { $regex: "p.*" } }, ["data.channel", "$regex"]],
    [{ "data.channel": ["phone"] }, ["data.channel"]],
    [{ "data..channel": "phone" }, ["data..channel"]],
    [{ "data.tags.-1": "a" }, ["data.tags.-1"]],
    [{ $and: [] }, ["$and"]],
    [{ $or: [] }, ["$or"]],
    [{ $or: [{ "data.x": { $exists: "yes" } }] }, ["$or", 0, "data.x", "$exists"]],
    [{ $or: [{ $or: [{ $or: [{ a: 1 }] }] }] }, ["$or", 0, "$or", 0, "$or"]],
    [{ "data.score": { $gt: null } }, ["data.score", "$gt"]],
    [{ "data.lead": { $eq: { phone: "1" } } }, ["data.lead", "$eq"]],
    [{ "data.lead": {} }, ["data.lead"]],
    [{}, []],
  ])("points at the bad part of %j", (filter, path) => {
    expect(filterProblems(filter).map((p) => p.path)).toEqual([path]);
  });

  it("answers through the schema with the path under the field", () => {
    const r = payloadFilterSchema.safeParse({ "data.channel": { $in: "phone" } });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path)).toEqual([["data.channel", "$in"]]);
    expect(payloadFilterSchema.parse(null)).toBeNull();
  });
});

describe("matchesFilter", () => {
  const lead = (channel: string) => ({ event: "lead.created", data: { channel, status: "new" } });
  it("lets phone leads through and not WhatsApp ones", () => {
    const filter = { "data.channel": { $in: ["phone"] }, "data.status": "new" };
    expect(matchesFilter(filter, lead("phone"))).toBe(true);
    expect(matchesFilter(filter, lead("whatsapp"))).toBe(false);
    expect(matchesFilter(null, lead("whatsapp"))).toBe(true);
  });
});
