import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { createTestDatabase, type TestDatabase } from "@/test/support/database";
import { fixtureText } from "@/test/support/load-fixture";
import { hostRoute } from "@/test/support/route-host";
import { createTestOrganization, setWebhookTestEnv } from "@/test/support/webhook-fixtures";

// The connections API and the inbound log API over real HTTP, authenticated with API keys (as a
// customer's program calls them). The member role (403) needs a browser session: e2e/api.spec.ts.
const APP_URL = "https://app.empfio.test";

let database: TestDatabase;
let db: Db;
let hosts: Awaited<ReturnType<typeof hostRoute>>[];
let base: string;
let deleteBase: string;
let logBase: string;
let vardaBase: string;
const orgs = {} as Record<"a" | "b", { id: string; key: string }>;

beforeAll(async () => {
  database = await createTestDatabase();
  setWebhookTestEnv({ DATABASE_URL: database.url, INNGEST_BASE_URL: "http://127.0.0.1:1", APP_URL });
  db = (await import("@/lib/db/client")).getDb();
  const { createApiKey } = await import("@/lib/api-keys/manage-api-keys");
  for (const name of ["a", "b"] as const) {
    const org = await createTestOrganization(db);
    orgs[name] = { id: org.id, key: (await createApiKey(db, org.id, { name: "test", scope: "manage" })).key };
  }
  const list = await import("@/app/api/v1/integrations/connections/route");
  const one = await import("@/app/api/v1/integrations/connections/[id]/route");
  const log = await import("@/app/api/v1/inbound-requests/route");
  const varda = await import("@/app/api/v1/webhooks/varda/[connection_id]/route");
  hosts = [
    await hostRoute({ GET: list.GET, POST: list.POST }, "/api/v1/integrations/connections"),
    await hostRoute({ DELETE: one.DELETE }, "/api/v1/integrations/connections/[id]"),
    await hostRoute({ GET: log.GET }, "/api/v1/inbound-requests"),
    await hostRoute({ POST: varda.POST }, "/api/v1/webhooks/varda/[connection_id]"),
  ];
  [base, deleteBase, logBase, vardaBase] = hosts.map((h) => h.origin);
});

afterAll(async () => {
  for (const host of hosts ?? []) await host.close();
  await db?.$disconnect();
  await database?.drop();
});

// `null`: a revoked or made-up key. (No key at all falls through to the session check, which needs Next's request scope.)
const call = async (method: string, url: string, org: "a" | "b" | null, body?: unknown, raw?: string) => {
  const res = await fetch(url, {
    method,
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${org ? orgs[org].key : "emp_made-up-key"}` },
    body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
  });
  return { status: res.status, body: res.status === 204 ? null : await res.json() };
};
const create = (org: "a" | "b", body: unknown) => call("POST", `${base}/api/v1/integrations/connections`, org, body);
const list = (org: "a" | "b") => call("GET", `${base}/api/v1/integrations/connections`, org);

describe("connections API", () => {
  it("creates each kind; generated secrets are shown once, stored sealed, and never listed", async () => {
    const varda = await create("a", { provider: "varda", signing_secret: "  varda-signing-secret-from-varda  " });
    expect(varda).toEqual({
      status: 201,
      body: {
        id: expect.any(String),
        provider: "varda",
        name: "Varda",
        auth: "signature",
        webhook_url: `${APP_URL}/api/v1/webhooks/varda/${varda.body.id}`,
        webhook_urls: null,
        last_received_at: null,
        created_at: expect.any(String),
        credentials: null,
      },
    });

    const calcom = await create("a", { provider: "calcom", name: "Salon calendar" });
    expect(calcom.body).toMatchObject({
      provider: "calcom",
      name: "Salon calendar",
      auth: "signature",
      webhook_url: `${APP_URL}/api/v1/webhooks/calcom/${calcom.body.id}`,
      webhook_urls: null,
    });
    const signingSecret: string = calcom.body.credentials.signing_secret;
    expect(Buffer.from(signingSecret.replace(/^whsec_/, ""), "base64").length).toBeGreaterThanOrEqual(32);

    const bearer = await create("a", { provider: "brevo" });
    const brevoUrl = `${APP_URL}/api/v1/webhooks/brevo/${bearer.body.id}`;
    expect(bearer.body).toMatchObject({
      provider: "brevo",
      name: "Brevo",
      auth: "bearer",
      webhook_url: brevoUrl,
      webhook_urls: {
        meeting_booked: `${brevoUrl}/meeting-booked`,
        meeting_started: `${brevoUrl}/meeting-started`,
        meeting_cancelled: `${brevoUrl}/meeting-cancelled`,
        call_finished: `${brevoUrl}/call-finished`,
      },
    });
    const token: string = bearer.body.credentials.bearer_token;
    expect(Buffer.from(token, "base64url").length).toBeGreaterThanOrEqual(32);

    const basic = await create("a", { provider: "brevo", auth: "basic", name: "Brevo phone" });
    expect(basic.body).toMatchObject({
      auth: "basic",
      credentials: { username: expect.stringMatching(/^[\w-]+$/), password: expect.any(String) },
    });
    const password: string = basic.body.credentials.password;

    const secrets = ["varda-signing-secret-from-varda", signingSecret, token, password];
    const rows = await db.integrationConnection.findMany({ where: { organizationId: orgs.a.id } });
    for (const secret of secrets) expect(JSON.stringify(rows)).not.toContain(secret);
    const { openSecret } = await import("@/lib/webhooks/endpoint-secrets");
    expect(
      rows
        .map((r) => [
          r.provider,
          r.secretEncrypted && openSecret(r.secretEncrypted),
          r.basicPasswordEncrypted && openSecret(r.basicPasswordEncrypted),
        ])
        .sort(),
    ).toEqual(
      [
        ["brevo", null, password],
        ["brevo", token, null],
        ["calcom", signingSecret, null],
        ["varda", "varda-signing-secret-from-varda", null],
      ].sort(),
    );

    const listed = await list("a");
    expect(listed.status).toBe(200);
    expect(listed.body.data.map((c: { id: string }) => c.id)).toEqual([
      basic.body.id,
      bearer.body.id,
      calcom.body.id,
      varda.body.id,
    ]);
    for (const secret of [...secrets, basic.body.credentials.username])
      expect(JSON.stringify(listed.body)).not.toContain(secret);
    expect(listed.body.data.every((c: object) => !("credentials" in c))).toBe(true);
    expect((await list("b")).body.data).toEqual([]);
  });

  it("URLs fall back to NEXTAUTH_URL, then to the request's origin", async () => {
    try {
      delete process.env.APP_URL;
      process.env.NEXTAUTH_URL = "https://auth.empfio.test/";
      expect((await list("a")).body.data[0].webhook_url).toMatch(/^https:\/\/auth\.empfio\.test\/api\/v1\/webhooks\//);
      delete process.env.NEXTAUTH_URL;
      expect((await list("a")).body.data[0].webhook_url.startsWith(`${base}/api/v1/webhooks/`)).toBe(true);
    } finally {
      process.env.APP_URL = APP_URL;
    }
  });

  it("bad input is a 422 naming the field (400 for bad JSON), and nothing is stored", async () => {
    const before = await db.integrationConnection.count();
    for (const [body, field] of [
      [{}, "provider"],
      [{ provider: "zoom" }, "provider"],
      [{ provider: "varda" }, "signing_secret"],
      [{ provider: "varda", signing_secret: "   " }, "signing_secret"],
      [{ provider: "varda", signing_secret: 42 }, "signing_secret"],
      [{ provider: "brevo", auth: "digest" }, "auth"],
      [{ provider: "calcom", name: "" }, "name"],
      [{ provider: "calcom", name: "x".repeat(101) }, "name"],
      [[], "body"],
    ] as const) {
      const res = await create("a", body);
      expect({ body, status: res.status, code: res.body.error.code }).toEqual({
        body,
        status: 422,
        code: "validation_failed",
      });
      expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    expect((await call("POST", `${base}/api/v1/integrations/connections`, "a", undefined, "{oops")).status).toBe(400);
    expect(await db.integrationConnection.count()).toBe(before);
  });

  it("deletes the caller's own connections only; anyone else's id is a 404; a wrong key is a 401", async () => {
    const mine = (await create("b", { provider: "calcom" })).body;
    const theirs = (await list("a")).body.data[0];
    expect(await call("DELETE", `${deleteBase}/api/v1/integrations/connections/${theirs.id}`, "b")).toMatchObject({
      status: 404,
      body: { error: { code: "not_found" } },
    });
    expect((await call("DELETE", `${deleteBase}/api/v1/integrations/connections/not-a-uuid`, "b")).status).toBe(404);
    expect(await db.integrationConnection.count({ where: { id: theirs.id } })).toBe(1);
    expect((await call("DELETE", `${deleteBase}/api/v1/integrations/connections/${mine.id}`, "b")).status).toBe(204);
    expect((await list("b")).body.data).toEqual([]);
    expect((await call("DELETE", `${deleteBase}/api/v1/integrations/connections/${mine.id}`, "b")).status).toBe(404);
    expect((await call("GET", `${base}/api/v1/integrations/connections`, null)).status).toBe(401);
    expect((await call("POST", `${base}/api/v1/integrations/connections`, null, { provider: "calcom" })).status).toBe(
      401,
    );
  });
});

describe("inbound requests API", () => {
  const page = (org: "a" | "b", query = "") => call("GET", `${logBase}/api/v1/inbound-requests${query}`, org);

  it("a Varda delivery to a new connection shows in the log and as last_received_at", async () => {
    const connection = (await create("a", { provider: "varda", signing_secret: "log-test-secret" })).body;
    const raw = fixtureText("varda-call-ended.json");
    const t = Math.floor(Date.now() / 1000);
    const res = await fetch(`${vardaBase}/api/v1/webhooks/varda/${connection.id}`, {
      method: "POST",
      headers: {
        "X-Varda-Signature": `t=${t},v1=${createHmac("sha256", "log-test-secret").update(`${t}.${raw}`).digest("hex")}`,
      },
      body: raw,
    });
    expect(res.status).toBe(200);
    const logged = await page("a", `?connection_id=${connection.id}`);
    expect(logged).toEqual({
      status: 200,
      body: {
        data: [
          {
            id: expect.stringMatching(/^\d+$/),
            source: "varda",
            connection_id: connection.id,
            event_type: "call.ended",
            received_at: expect.any(String),
            verification: "verified",
            outcome: "processed",
            http_status: 200,
            reason: null,
            effects: { call_id: expect.any(String), lead_id: expect.any(String), events: ["lead.created"] },
            duration_ms: expect.any(Number),
          },
        ],
        next_cursor: null,
      },
    });
    const listed = (await list("a")).body.data.find((c: { id: string }) => c.id === connection.id);
    expect(Date.parse(listed.last_received_at)).toBeGreaterThan(Date.now() - 60_000);
    expect((await page("b", `?connection_id=${connection.id}`)).body.data).toEqual([]);
  });

  it("pages newest first without repeats, filters, and shows each organization only its own rows", async () => {
    const { recordInboundRequest } = await import("@/lib/inbound/record-inbound-request");
    const startedAt = performance.now();
    for (let i = 0; i < 7; i++) {
      await recordInboundRequest(db, {
        source: i % 2 ? "brevo" : "calcom",
        organizationId: orgs.b.id,
        verification: "verified",
        outcome: i % 3 ? "processed" : "rejected",
        httpStatus: i % 3 ? 200 : 401,
        reason: `request ${i}`,
        startedAt,
      });
    }
    await recordInboundRequest(db, {
      source: "agent",
      organizationId: orgs.a.id,
      verification: "verified",
      outcome: "processed",
      httpStatus: 200,
      startedAt,
    });
    await recordInboundRequest(db, {
      source: "agent",
      organizationId: null,
      verification: "failed",
      outcome: "rejected",
      httpStatus: 401,
      startedAt,
    });

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await page("b", `?limit=3${cursor ? `&cursor=${cursor}` : ""}`);
      expect(res.status).toBe(200);
      seen.push(...res.body.data.map((r: { reason: string }) => r.reason));
      cursor = res.body.next_cursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(["request 6", "request 5", "request 4", "request 3", "request 2", "request 1", "request 0"]);

    expect((await page("b", "?source=brevo")).body.data.map((r: { reason: string }) => r.reason)).toEqual([
      "request 5",
      "request 3",
      "request 1",
    ]);
    expect(
      (await page("b", "?outcome=rejected&source=calcom")).body.data.map((r: { reason: string }) => r.reason),
    ).toEqual(["request 6", "request 0"]);
    expect((await page("b", "?source=agent")).body.data).toEqual([]);
    expect((await page("a", "?source=agent")).body.data).toHaveLength(1);

    for (const query of [
      "?limit=0",
      "?limit=101",
      "?limit=many",
      "?source=zapier",
      "?outcome=exploded",
      "?connection_id=42",
      "?cursor=garbage",
    ]) {
      const res = await page("b", query);
      expect({ query, status: res.status, code: res.body.error.code }).toEqual({
        query,
        status: 422,
        code: "validation_failed",
      });
    }
    expect((await call("GET", `${logBase}/api/v1/inbound-requests`, null)).status).toBe(401);
  });
});

describe("OpenAPI", () => {
  it("documents the connections and inbound log routes", async () => {
    const { buildOpenApi } = await import("@/lib/api/openapi");
    const doc = buildOpenApi();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/integrations/connections", "/integrations/connections/{id}", "/inbound-requests"]),
    );
    expect(Object.keys(doc.paths["/integrations/connections"])).toEqual(["get", "post"]);
    expect(JSON.stringify(doc.paths["/inbound-requests"])).toContain("connection_id");
  });
});
