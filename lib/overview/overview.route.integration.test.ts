import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { createTestDatabase, type TestDatabase } from "@/test/support/database";
import { hostRoute } from "@/test/support/route-host";
import { createTestOrganization, setWebhookTestEnv } from "@/test/support/webhook-fixtures";
import { overviewResponse } from "./overview-schemas";

// GET /api/v1/overview over real HTTP with API keys: the documented shape, the caller's
// organization only, and a clear 422 for a time zone that does not exist.
let database: TestDatabase;
let db: Db;
let host: Awaited<ReturnType<typeof hostRoute>>;
const keys = {} as Record<"a" | "b", string>;

beforeAll(async () => {
  database = await createTestDatabase();
  setWebhookTestEnv({ DATABASE_URL: database.url });
  db = (await import("@/lib/db/client")).getDb();
  const { createApiKey } = await import("@/lib/api-keys/manage-api-keys");
  for (const name of ["a", "b"] as const) {
    const org = await createTestOrganization(db);
    keys[name] = (await createApiKey(db, org.id, { name: "test", scope: "manage" })).key;
    if (name === "a") await db.lead.create({ data: { organizationId: org.id, name: "Today", channel: "phone" } });
  }
  const route = await import("@/app/api/v1/overview/route");
  host = await hostRoute({ GET: route.GET }, "/api/v1/overview");
});

afterAll(async () => {
  await host?.close();
  await db?.$disconnect();
  await database?.drop();
});

const get = (key: string, query = "") =>
  fetch(`${host.origin}/api/v1/overview${query}`, { headers: { Authorization: `Bearer ${key}` } });

describe("GET /api/v1/overview", () => {
  it("answers the documented shape with the caller's organization's figures only", async () => {
    const res = await get(keys.a, "?tz=Europe%2FBerlin");
    expect(res.status).toBe(200);
    const body = overviewResponse.parse(await res.json());
    expect(body.time_zone).toBe("Europe/Berlin");
    expect(body.leads.week.current).toBe(1);
    const other = overviewResponse.parse(await (await get(keys.b)).json());
    expect(other).toMatchObject({ time_zone: "UTC", empty: true, leads: { week: { current: 0 } } });
  });

  it("refuses an unknown time zone with a 422 naming the parameter", async () => {
    const res = await get(keys.a, "?tz=Mars%2FOlympus");
    expect(res.status).toBe(422);
    expect(await res.json()).toEqual({
      error: {
        code: "validation_failed",
        message: "tz: tz must be an IANA time zone such as Europe/Berlin",
        details: [{ field: "tz", message: "tz must be an IANA time zone such as Europe/Berlin" }],
      },
    });
  });
});
