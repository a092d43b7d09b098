import { expect, test } from "@playwright/test";
import { createDb } from "@/lib/db/client";
import { createTestDatabase } from "@/test/support/database";
import { startProduction } from "@/test/support/production-start";
import { checkScreen, OWNER, screenshot, signIn } from "./fixtures";

// The browser-facing guards of a production start (`npm start`): security headers, the session
// cookie, callbackUrl, /api/health and the one-time setup, which a fresh start offers and an
// already set-up one refuses.

test("every page carries the security headers; the session cookie is HttpOnly and SameSite", async ({ page }) => {
  const res = await page.goto("/login");
  const headers = res!.headers();
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  await expect(page.getByRole("link", { name: "Set up Empfio" })).toHaveCount(0);
  await signIn(page, OWNER);
  const session = (await page.context().cookies()).find((c) => c.name.endsWith("next-auth.session-token"));
  expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax" });
});

test("callbackUrl only takes same-origin paths", async ({ page, baseURL }) => {
  for (const callbackUrl of ["/\\evil.example", "/%09/evil.example", "https://evil.example/"]) {
    await page.context().clearCookies();
    await page.goto(`/login?callbackUrl=${encodeURIComponent(callbackUrl)}`);
    await page.getByLabel("Email").fill(OWNER.email);
    await page.getByLabel("Password").fill(OWNER.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(new RegExp(`/${OWNER.org}$`));
    expect(new URL(page.url()).origin).toBe(baseURL);
  }
});

test("/api/health tells the public only ok; the operator token shows the detail", async ({ request }) => {
  const open = await request.get("/api/health");
  expect(open.status()).toBe(200);
  expect(await open.json()).toEqual({ ok: true });
  expect(await (await request.get("/api/health", { headers: { Authorization: "Bearer guess" } })).json()).toEqual({
    ok: true,
  });
  const operator = await request.get("/api/health", {
    headers: { Authorization: `Bearer ${process.env.E2E_OPERATOR_TOKEN}` },
  });
  expect(await operator.json()).toMatchObject({ ok: true, database: { ok: true }, executor: { ok: true } });
});

test("once someone has an account, /setup is not found and its POST is refused", async ({ page, request }) => {
  expect((await page.goto("/setup"))?.status()).toBe(404);
  const db = createDb(process.env.E2E_DATABASE_URL!, 1);
  try {
    const users = await db.user.count();
    const res = await request.post("/api/setup", {
      data: { organization_name: "Takeover", name: "Mallory", email: "mallory@evil.example", password: "password-123" },
    });
    expect(res.status()).toBe(404);
    expect(await db.user.count()).toBe(users);
  } finally {
    await db.$disconnect();
  }
});

test("a fresh npm start seeds nothing, prints no password, and /setup makes the first owner once", async ({ page }) => {
  test.setTimeout(240_000);
  const database = await createTestDatabase();
  const app = await startProduction({
    DATABASE_URL: database.url,
    AUTH_SECRET: "e2e-fresh-auth-secret-e2e-fresh-0000",
    ENCRYPTION_KEY: Buffer.alloc(32, 9).toString("base64"),
  }).catch(async (error: Error) => {
    await database.drop();
    throw error;
  });
  const base = app.publicUrl;
  try {
    const output = app.output();
    const setupLink = output.match(/create the first owner at (\S+\/setup\?token=\S+)/)?.[1];
    expect(setupLink).toBeDefined();
    expect(output).not.toMatch(/^\s*password\s/m);
    // Without OPERATOR_TOKEN, production shows the health detail to nobody.
    const health = await page.request.get(`${base}/api/health`, { headers: { Authorization: "Bearer " } });
    expect(await health.json()).toEqual({ ok: true });

    await page.goto(`${base}/login`);
    await screenshot(page, "login-before-setup");
    // The login page's link alone shows no form: the first visitor of a fresh deployment is not its owner.
    await page.getByRole("link", { name: "Set up Empfio" }).click();
    await expect(page.getByText("Open the setup link that npm start printed")).toBeVisible();
    await expect(page.getByLabel("Organization name")).toHaveCount(0);
    await checkScreen(page, "setup-without-link");
    expect(
      (
        await page.request.post(`${base}/api/setup`, {
          data: {
            organization_name: "Mine",
            name: "Mallory",
            email: "m@evil.example",
            password: "password-123",
            token: "x",
          },
        })
      ).status(),
    ).toBe(403);

    await page.goto(setupLink!);
    await expect(page.getByRole("heading", { name: "Set up Empfio" })).toBeVisible();
    await checkScreen(page, "setup");
    await page.getByLabel("Organization name").fill("Fresh Salon");
    await page.getByLabel("Your name").fill("Frieda First");
    await page.getByLabel("Email").fill("frieda@fresh-salon.example");
    await page.getByLabel("Password").fill("short");
    await page.getByRole("button", { name: "Create organization and sign in" }).click();
    await expect(page.getByText("password must be at least 8 characters")).toBeVisible();
    await page.getByLabel("Password").fill("frieda-password-1");
    await page.getByRole("button", { name: "Create organization and sign in" }).click();
    await expect(page).toHaveURL(`${base}/fresh-salon`);
    await expect(page.getByRole("heading", { name: "Welcome, Frieda First" })).toBeVisible();

    expect((await page.goto(`${base}/setup`))?.status()).toBe(404);
    const again = await page.request.post(`${base}/api/setup`, {
      data: { organization_name: "Second", name: "Sam", email: "sam@fresh-salon.example", password: "password-123" },
    });
    expect(again.status()).toBe(404);
    const db = createDb(database.url, 1);
    try {
      expect(await db.user.count()).toBe(1);
      expect(await db.organization.count()).toBe(1);
    } finally {
      await db.$disconnect();
    }
  } finally {
    await app.stop();
    await database.drop();
  }
});
