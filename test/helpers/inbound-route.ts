import { afterAll, beforeAll } from "vitest";
import type { Db } from "@/lib/db/client";
import { createTestDatabase, type TestDatabase } from "./database";
import { createTestOrganization, setWebhookTestEnv } from "./webhook-fixtures";

type RouteModule = { POST: (req: Request) => Promise<Response> };

/**
 * An inbound route handler on a throwaway database with one organization. The route is imported
 * after the environment is set, as the app reads it at import. Fields fill in during beforeAll.
 */
export function setUpInboundRoute(load: () => Promise<RouteModule>, env: Record<string, string>) {
  const ctx = {} as { db: Db; POST: RouteModule["POST"]; orgId: string };
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
    // Inngest is unreachable on purpose: events stay in the outbox, where the tests read them.
    setWebhookTestEnv({ DATABASE_URL: database.url, INNGEST_DEV: "http://127.0.0.1:1", ...env });
    ctx.POST = (await load()).POST;
    ctx.db = (await import("@/lib/db/client")).getDb();
    ctx.orgId = (await createTestOrganization(ctx.db)).id;
  });
  afterAll(async () => {
    await ctx.db.$disconnect();
    await database.drop();
  });
  return ctx;
}
