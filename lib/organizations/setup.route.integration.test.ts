import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { createTestDatabase, type TestDatabase } from "@/test/support/database";
import { hostRoute } from "@/test/support/route-host";
import { setWebhookTestEnv } from "@/test/support/webhook-fixtures";
import { setupToken } from "./setup-token";

// The one-time setup over real HTTP: it works while no user exists, only with the setup link's
// token, exactly once however many setups race, and is refused (404, nothing written) from then on.
let database: TestDatabase;
let db: Db;
let host: Awaited<ReturnType<typeof hostRoute>>;

beforeAll(async () => {
  database = await createTestDatabase();
  setWebhookTestEnv({ DATABASE_URL: database.url, AUTH_SECRET: "setup-test-auth-secret-0123456789abcdef" });
  db = (await import("@/lib/db/client")).getDb();
  host = await hostRoute(await import("@/app/api/setup/route"), "/api/setup");
});

afterAll(async () => {
  await host?.close();
  await db?.$disconnect();
  await database?.drop();
});

function setup(body: Record<string, string>, headers: Record<string, string> = {}) {
  return fetch(host.url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
}

const owner = (n: number) => ({
  organization_name: `Salon ${n}`,
  name: `Owner ${n}`,
  email: `owner${n}@setup.example`,
  password: `password-${n}-long`,
  token: setupToken(),
});

describe("POST /api/setup", () => {
  it("refuses bad input with 422 and writes nothing", async () => {
    const res = await setup({ ...owner(0), email: "not-an-email", password: "short" });
    expect(res.status).toBe(422);
    expect((await res.json()).error.code).toBe("validation_failed");
    expect(await db.user.count()).toBe(0);
  });

  it("refuses a cross-site setup with 403, an opaque `Origin: null` (a sandboxed frame) too", async () => {
    for (const origin of ["https://evil.example", "null"]) {
      const res = await setup(owner(0), { origin });
      expect(res.status).toBe(403);
      expect((await res.json()).error.code).toBe("forbidden");
    }
    expect(await db.user.count()).toBe(0);
  });

  it("refuses a setup without the printed link's token with 403, so the first visitor cannot take the deployment", async () => {
    const withoutToken: Record<string, string> = owner(0);
    delete withoutToken.token;
    for (const body of [
      withoutToken,
      ...["", "guessed-token", setupToken("another deployment's secret")].map((token) => ({ ...owner(0), token })),
    ]) {
      const res = await setup(body);
      expect(res.status).toBe(403);
      expect((await res.json()).error.message).toMatch(/setup link is not valid/);
    }
    expect(await db.user.count()).toBe(0);
  });

  it("creates one owner when five setups race on an empty database; the rest get 404", async () => {
    const answers = await Promise.all([1, 2, 3, 4, 5].map((n) => setup(owner(n))));
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 404, 404, 404, 404]);
    expect(await db.user.count()).toBe(1);
    expect(await db.organization.count()).toBe(1);
    const membership = await db.membership.findFirstOrThrow({ include: { user: true, organization: true } });
    expect(membership.role).toBe("owner");
    const winner = await answers.find((r) => r.status === 201)!.json();
    expect(winner.organization.slug).toBe(membership.organization.slug);
    expect(winner.owner.email).toBe(membership.user.email);
  });

  it("is refused once a user exists, and writes nothing", async () => {
    const res = await setup(owner(9));
    expect(res.status).toBe(404);
    expect((await res.json()).error.message).toMatch(/already set up/);
    expect(await db.user.count()).toBe(1);
    expect(await db.organization.count()).toBe(1);
  });
});
