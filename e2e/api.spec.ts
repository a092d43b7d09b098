import { createHmac } from "node:crypto";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { freePort } from "@/test/support/free-port";
import { startReceiver } from "@/test/support/receiver";
import { MEMBER, OUTSIDER, OWNER, signIn } from "./fixtures";

// /api/v1 through the production server: the session path (as the dashboard calls it) and
// the API-key path (as a customer's code calls it).
const H = (org: string) => ({ "X-Empfio-Organization": org });

async function sessionFor(page: Page, user: { email: string; password: string }): Promise<APIRequestContext> {
  await signIn(page, user);
  return page.request;
}

test.describe.configure({ mode: "serial" });

test("owners manage endpoints; the first save sends a test ping; bad input changes nothing", async ({ page }) => {
  const receiver = await startReceiver();
  const api = await sessionFor(page, OWNER);
  try {
    const created = await api.post("/api/v1/webhook-endpoints", {
      headers: H(OWNER.org),
      data: { url: receiver.url, description: "Zapier catch hook", event_types: ["lead.created", "booking.created"] },
    });
    expect(created.status()).toBe(201);
    const body = await created.json();
    expect(body.secret).toMatch(/^whsec_/);
    expect(body.test_ping).toMatchObject({ ok: true, status_code: 200 });
    expect(receiver.received).toHaveLength(1);
    expect(JSON.parse(receiver.received[0].body)).toMatchObject({
      event: "webhook.test",
      data: { endpoint_id: body.endpoint.id },
    });

    const listed = await (await api.get("/api/v1/webhook-endpoints", { headers: H(OWNER.org) })).json();
    expect(listed.data.map((e: { id: string }) => e.id)).toContain(body.endpoint.id);
    expect(JSON.stringify(listed)).not.toContain(body.secret);

    const before = listed.data.length;
    for (const [data, field] of [
      [{ url: "ftp://example.com/hook", event_types: ["lead.created"] }, "url"],
      [{ url: "not a url", event_types: ["lead.created"] }, "url"],
      [{ url: receiver.url, event_types: ["lead.exploded"] }, "event_types.0"],
      [{ url: receiver.url, event_types: [] }, "event_types"],
    ] as const) {
      const res = await api.post("/api/v1/webhook-endpoints", { headers: H(OWNER.org), data });
      expect(res.status()).toBe(422);
      const err = await res.json();
      expect(err.error.code).toBe("validation_failed");
      expect(err.error.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    const notJson = await api.post("/api/v1/webhook-endpoints", {
      headers: { ...H(OWNER.org), "Content-Type": "application/json" },
      data: Buffer.from("{oops"),
    });
    expect(notJson.status()).toBe(400);
    expect((await (await api.get("/api/v1/webhook-endpoints", { headers: H(OWNER.org) })).json()).data).toHaveLength(
      before,
    );

    const dead = await api.post("/api/v1/webhook-endpoints", {
      headers: H(OWNER.org),
      data: { url: `http://127.0.0.1:${await freePort()}/hook`, event_types: ["lead.created"] },
    });
    expect(dead.status()).toBe(201);
    expect((await dead.json()).test_ping).toMatchObject({ ok: false, error: { kind: "refused" } });

    const patched = await api.patch(`/api/v1/webhook-endpoints/${body.endpoint.id}`, {
      headers: H(OWNER.org),
      data: { enabled: false },
    });
    expect((await patched.json()).endpoint).toMatchObject({
      enabled: false,
      disabled_reason: expect.stringContaining("Disabled"),
    });
    const revealed = await (
      await api.post(`/api/v1/webhook-endpoints/${body.endpoint.id}/secret/reveal`, { headers: H(OWNER.org) })
    ).json();
    expect(revealed.secret).toBe(body.secret);
    const rotated = await (
      await api.post(`/api/v1/webhook-endpoints/${body.endpoint.id}/rotate-secret`, { headers: H(OWNER.org) })
    ).json();
    expect(rotated.secret).not.toBe(body.secret);
    expect(new Date(rotated.previous_secret_expires_at).getTime()).toBeGreaterThan(Date.now() + 23 * 3600_000);
  } finally {
    await receiver.close();
  }
});

test("members read but cannot change; other organizations' ids are 404; no session is 401", async ({
  page,
  playwright,
}) => {
  const owner = await sessionFor(page, OWNER);
  const [endpoint] = (await (await owner.get("/api/v1/webhook-endpoints", { headers: H(OWNER.org) })).json()).data;
  await page.context().clearCookies();

  const member = await sessionFor(page, MEMBER);
  expect((await member.get("/api/v1/webhook-endpoints", { headers: H(MEMBER.org) })).status()).toBe(200);
  expect((await (await member.get("/api/v1/me", { headers: H(MEMBER.org) })).json()).can_manage).toBe(false);
  const forbidden = await member.patch(`/api/v1/webhook-endpoints/${endpoint.id}`, {
    headers: H(MEMBER.org),
    data: { enabled: true },
  });
  expect(forbidden.status()).toBe(403);
  expect((await forbidden.json()).error.code).toBe("forbidden");
  await page.context().clearCookies();

  const outsider = await sessionFor(page, OUTSIDER);
  expect((await outsider.get(`/api/v1/webhook-endpoints/${endpoint.id}`, { headers: H(OUTSIDER.org) })).status()).toBe(
    404,
  );
  expect((await outsider.get("/api/v1/webhook-endpoints", { headers: H(OWNER.org) })).status()).toBe(404);
  expect(
    (
      await outsider.post(`/api/v1/webhook-endpoints/${endpoint.id}/secret/reveal`, { headers: H(OUTSIDER.org) })
    ).status(),
  ).toBe(404);

  const anonymous = await playwright.request.newContext({ baseURL: page.url() });
  expect((await anonymous.get("/api/v1/webhook-endpoints")).status()).toBe(401);
  await anonymous.dispose();
});

test("API keys: created once, used as Bearer, revoked; browser mutations need the org header from our own origin", async ({
  page,
  playwright,
}) => {
  const owner = await sessionFor(page, OWNER);
  const created = await (
    await owner.post("/api/v1/api-keys", { headers: H(OWNER.org), data: { name: "CI script" } })
  ).json();
  expect(created.key).toMatch(/^emp_/);
  const keyed = await playwright.request.newContext({
    baseURL: new URL(page.url()).origin,
    extraHTTPHeaders: { Authorization: `Bearer ${created.key}` },
  });
  expect((await keyed.get("/api/v1/webhook-endpoints")).status()).toBe(200);
  const keys = (await (await owner.get("/api/v1/api-keys", { headers: H(OWNER.org) })).json()).data;
  expect(keys.find((k: { id: string }) => k.id === created.api_key.id).last_used_at).not.toBeNull();
  expect(JSON.stringify(keys)).not.toContain(created.key);
  expect((await owner.delete(`/api/v1/api-keys/${created.api_key.id}`, { headers: H(OWNER.org) })).status()).toBe(204);
  expect((await keyed.get("/api/v1/webhook-endpoints")).status()).toBe(401);
  await keyed.dispose();

  const crossSite = await owner.post("/api/v1/api-keys", {
    headers: { ...H(OWNER.org), Origin: "https://evil.example" },
    data: { name: "x" },
  });
  expect(crossSite.status()).toBe(403);
  expect((await owner.post("/api/v1/api-keys", { data: { name: "x" } })).status()).toBe(400);
});

test("the delivery log pages newest first without repeats, and filters validate", async ({ page }) => {
  const receiver = await startReceiver();
  const api = await sessionFor(page, OWNER);
  try {
    const { endpoint } = await (
      await api.post("/api/v1/webhook-endpoints", {
        headers: H(OWNER.org),
        data: { url: receiver.url, event_types: ["lead.created"] },
      })
    ).json();
    for (let i = 0; i < 5; i++)
      expect(
        (await api.post(`/api/v1/webhook-endpoints/${endpoint.id}/test`, { headers: H(OWNER.org) })).status(),
      ).toBe(200);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page1: { data: { id: string; created_at: string }[]; next_cursor: string | null } = await (
        await api.get(`/api/v1/deliveries?endpoint_id=${endpoint.id}&limit=2${cursor ? `&cursor=${cursor}` : ""}`, {
          headers: H(OWNER.org),
        })
      ).json();
      seen.push(...page1.data.map((d) => d.id));
      cursor = page1.next_cursor;
    } while (cursor);
    expect(seen).toHaveLength(6);
    expect(new Set(seen).size).toBe(6);
    const detail = await (await api.get(`/api/v1/deliveries/${seen[0]}`, { headers: H(OWNER.org) })).json();
    expect(
      detail.attempts[0].request.headers["X-Empfio-Signature"] ??
        detail.attempts[0].request.headers["x-empfio-signature"],
    ).toMatch(/^[0-9a-f]{64}$/);
    for (const query of ["status=exploded", "limit=1000", "since=yesterday", "cursor=garbage", "endpoint_id=42"]) {
      const res = await api.get(`/api/v1/deliveries?${query}`, { headers: H(OWNER.org) });
      expect({ query, status: res.status() }).toEqual({ query, status: 422 });
    }
    expect((await api.get("/api/v1/deliveries/not-a-uuid", { headers: H(OWNER.org) })).status()).toBe(404);
  } finally {
    await receiver.close();
  }
});

test("catalogue, OpenAPI, stats, samples, recover, retry and records routes validate and answer", async ({
  page,
  playwright,
}) => {
  const receiver = await startReceiver();
  const api = await sessionFor(page, OWNER);
  try {
    const types = (await (await api.get("/api/v1/event-types", { headers: H(OWNER.org) })).json()).data;
    expect(types.map((t: { name: string }) => t.name)).toEqual(
      expect.arrayContaining([
        "lead.created",
        "lead.status_changed",
        "booking.created",
        "booking.cancelled",
        "conversation.escalated",
        "booking.rescheduled",
        "webhook.test",
      ]),
    );
    expect(
      types.find((t: { name: string }) => t.name === "booking.created").schema.properties.calcom_booking_id,
    ).toBeTruthy();
    const anonymous = await playwright.request.newContext({ baseURL: new URL(page.url()).origin });
    const openapi = await (await anonymous.get("/api/v1/openapi.json")).json();
    expect(openapi.openapi).toBe("3.1.0");
    expect(Object.keys(openapi.paths)).toEqual(
      expect.arrayContaining(["/webhook-endpoints", "/deliveries", "/event-types"]),
    );
    await anonymous.dispose();

    const { endpoint } = await (
      await api.post("/api/v1/webhook-endpoints", {
        headers: H(OWNER.org),
        data: { url: receiver.url, event_types: ["booking.created"] },
      })
    ).json();
    const stats = await (
      await api.get(`/api/v1/webhook-endpoints/${endpoint.id}/stats?range=7d`, { headers: H(OWNER.org) })
    ).json();
    expect(stats.buckets).toHaveLength(168);
    expect(
      (await api.get(`/api/v1/webhook-endpoints/${endpoint.id}/stats?range=1y`, { headers: H(OWNER.org) })).status(),
    ).toBe(422);

    const sample = await api.post(`/api/v1/webhook-endpoints/${endpoint.id}/send-sample`, {
      headers: H(OWNER.org),
      data: { event_type: "booking.created" },
    });
    expect(sample.status()).toBe(202);
    expect(await sample.json()).toEqual({
      event_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      delivery_ids: [expect.stringMatching(/^[0-9a-f-]{36}$/)],
    });
    expect(
      (
        await api.post(`/api/v1/webhook-endpoints/${endpoint.id}/send-sample`, {
          headers: H(OWNER.org),
          data: { event_type: "lead.exploded" },
        })
      ).status(),
    ).toBe(422);
    await expect
      .poll(async () => receiver.received.filter((r) => JSON.parse(r.body).event === "booking.created").length, {
        timeout: 30_000,
      })
      .toBe(1);

    expect(
      (
        await api.post(`/api/v1/webhook-endpoints/${endpoint.id}/recover`, {
          headers: H(OWNER.org),
          data: { since: "last week" },
        })
      ).status(),
    ).toBe(422);
    const recovered = await api.post(`/api/v1/webhook-endpoints/${endpoint.id}/recover`, {
      headers: H(OWNER.org),
      data: { since: new Date(Date.now() - 3600_000).toISOString() },
    });
    expect(await recovered.json()).toEqual({ recovered: 0 });

    const [ping] = (
      await (
        await api.get(`/api/v1/deliveries?endpoint_id=${endpoint.id}&event_type=webhook.test`, {
          headers: H(OWNER.org),
        })
      ).json()
    ).data;
    const retried = await (await api.post(`/api/v1/deliveries/${ping.id}/retry`, { headers: H(OWNER.org) })).json();
    expect(retried.outcome).toMatchObject({ succeeded: true, status_code: 200 });
    expect(retried.delivery.attempt_count).toBe(2);

    expect((await api.get("/api/v1/leads?status=exploded", { headers: H(OWNER.org) })).status()).toBe(422);
    expect((await (await api.get("/api/v1/leads", { headers: H(OWNER.org) })).json()).data).toEqual(expect.any(Array));
    expect(
      (
        await api.patch("/api/v1/leads/00000000-0000-4000-8000-000000000000", {
          headers: H(OWNER.org),
          data: { status: "booked" },
        })
      ).status(),
    ).toBe(404);
    expect(
      (
        await api.patch("/api/v1/leads/00000000-0000-4000-8000-000000000000", {
          headers: H(OWNER.org),
          data: { status: "sold" },
        })
      ).status(),
    ).toBe(422);
    expect((await (await api.get("/api/v1/bookings", { headers: H(OWNER.org) })).json()).data).toEqual(
      expect.any(Array),
    );
    expect((await api.post("/api/v1/bookings/not-a-booking/cancel", { headers: H(OWNER.org) })).status()).toBe(404);
  } finally {
    await receiver.close();
  }
});

test("integration connections: owners create and delete, secrets shown once; members read; the inbound log pages per organization", async ({
  page,
}) => {
  const owner = await sessionFor(page, OWNER);
  const varda = await owner.post("/api/v1/integrations/connections", {
    headers: H(OWNER.org),
    data: { provider: "varda", signing_secret: "e2e-varda-secret" },
  });
  expect(varda.status()).toBe(201);
  const vardaConnection = await varda.json();
  expect(vardaConnection).toMatchObject({ provider: "varda", name: "Varda", auth: "signature", credentials: null });
  expect(vardaConnection.webhook_url).toMatch(
    new RegExp(`^https?://[^/]+/api/v1/webhooks/varda/${vardaConnection.id}$`),
  );
  const calcom = await (
    await owner.post("/api/v1/integrations/connections", { headers: H(OWNER.org), data: { provider: "calcom" } })
  ).json();
  expect(calcom.credentials.signing_secret).toMatch(/^whsec_/);
  const brevo = await (
    await owner.post("/api/v1/integrations/connections", {
      headers: H(OWNER.org),
      data: { provider: "brevo", auth: "basic" },
    })
  ).json();
  expect(brevo).toMatchObject({
    auth: "basic",
    credentials: { username: expect.any(String), password: expect.any(String) },
    webhook_urls: { call_finished: `${brevo.webhook_url}/call-finished` },
  });
  const bad = await owner.post("/api/v1/integrations/connections", {
    headers: H(OWNER.org),
    data: { provider: "varda" },
  });
  expect(bad.status()).toBe(422);
  expect((await bad.json()).error.details.map((d: { field: string }) => d.field)).toContain("signing_secret");

  const listed = await (await owner.get("/api/v1/integrations/connections", { headers: H(OWNER.org) })).json();
  expect(listed.data.slice(0, 3).map((c: { id: string }) => c.id)).toEqual([brevo.id, calcom.id, vardaConnection.id]);
  for (const secret of ["e2e-varda-secret", calcom.credentials.signing_secret, brevo.credentials.password])
    expect(JSON.stringify(listed)).not.toContain(secret);

  // The inbound routes of the connections, over the production server.
  const raw = JSON.stringify({
    event: "contact.created",
    timestamp: new Date().toISOString(),
    data: { id: 77001, name: "E2E Contact", phone: "+4915100077001" },
  });
  const t = Math.floor(Date.now() / 1000);
  const signature = `t=${t},v1=${createHmac("sha256", "e2e-varda-secret").update(`${t}.${raw}`).digest("hex")}`;
  const vardaPost = await owner.post(`/api/v1/webhooks/varda/${vardaConnection.id}`, {
    headers: { "Content-Type": "application/json", "X-Varda-Signature": signature },
    data: raw,
  });
  expect(await vardaPost.json()).toMatchObject({ status: "processed", lead_id: expect.any(String) });
  const brevoPost = await owner.post(`/api/v1/webhooks/brevo/${brevo.id}/call-finished`, {
    headers: {
      Authorization: `Basic ${Buffer.from(`${brevo.credentials.username}:${brevo.credentials.password}`).toString("base64")}`,
    },
    data: { phone_number: "+4915100077002", type: "missed", duration_seconds: 0 },
  });
  expect(await brevoPost.json()).toMatchObject({ status: "processed", lead_id: expect.any(String) });
  const calcomRaw = JSON.stringify({ triggerEvent: "PING", createdAt: new Date().toISOString(), payload: {} });
  const calcomPost = await owner.post(`/api/v1/webhooks/calcom/${calcom.id}`, {
    headers: {
      "Content-Type": "application/json",
      "X-Cal-Signature-256": createHmac("sha256", calcom.credentials.signing_secret).update(calcomRaw).digest("hex"),
    },
    data: calcomRaw,
  });
  expect(await calcomPost.json()).toEqual({ status: "ignored" });
  expect((await owner.post(`/api/v1/webhooks/calcom/${calcom.id}`, { data: calcomRaw })).status()).toBe(401);

  const log = await (
    await owner.get(`/api/v1/inbound-requests?connection_id=${vardaConnection.id}`, { headers: H(OWNER.org) })
  ).json();
  expect(log.data).toMatchObject([
    {
      source: "varda",
      event_type: "contact.created",
      outcome: "processed",
      verification: "verified",
      http_status: 200,
    },
  ]);
  const firstPage = await (await owner.get("/api/v1/inbound-requests?limit=2", { headers: H(OWNER.org) })).json();
  expect(firstPage.data).toHaveLength(2);
  const secondPage = await (
    await owner.get(`/api/v1/inbound-requests?limit=2&cursor=${firstPage.next_cursor}`, { headers: H(OWNER.org) })
  ).json();
  expect(secondPage.data[0].id).not.toBe(firstPage.data[1].id);
  expect((await owner.get("/api/v1/inbound-requests?outcome=exploded", { headers: H(OWNER.org) })).status()).toBe(422);
  const vardaListed = (
    await (await owner.get("/api/v1/integrations/connections", { headers: H(OWNER.org) })).json()
  ).data.find((c: { id: string }) => c.id === vardaConnection.id);
  expect(vardaListed.last_received_at).not.toBeNull();
  await page.context().clearCookies();

  const member = await sessionFor(page, MEMBER);
  expect((await member.get("/api/v1/integrations/connections", { headers: H(MEMBER.org) })).status()).toBe(200);
  expect((await member.get("/api/v1/inbound-requests", { headers: H(MEMBER.org) })).status()).toBe(200);
  expect(
    (
      await member.post("/api/v1/integrations/connections", { headers: H(MEMBER.org), data: { provider: "calcom" } })
    ).status(),
  ).toBe(403);
  expect(
    (await member.delete(`/api/v1/integrations/connections/${calcom.id}`, { headers: H(MEMBER.org) })).status(),
  ).toBe(403);
  await page.context().clearCookies();

  const outsider = await sessionFor(page, OUTSIDER);
  expect(
    (await outsider.delete(`/api/v1/integrations/connections/${calcom.id}`, { headers: H(OUTSIDER.org) })).status(),
  ).toBe(404);
  const outsiderLog = await (
    await outsider.get(`/api/v1/inbound-requests?connection_id=${vardaConnection.id}`, { headers: H(OUTSIDER.org) })
  ).json();
  expect(outsiderLog.data).toEqual([]);
  await page.context().clearCookies();

  const again = await sessionFor(page, OWNER);
  expect(
    (await again.delete(`/api/v1/integrations/connections/${calcom.id}`, { headers: H(OWNER.org) })).status(),
  ).toBe(204);
  expect((await again.post(`/api/v1/webhooks/calcom/${calcom.id}`, { data: calcomRaw })).status()).toBe(404);
});
