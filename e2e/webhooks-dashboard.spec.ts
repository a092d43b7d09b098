import { expect, test, type Page } from "@playwright/test";
import { freePort } from "@/test/support/free-port";
import { startReceiver } from "@/test/support/receiver";
import { checkScreen, expectNotFound, MEMBER, onPhoneInDarkMode, OUTSIDER, OWNER, signIn } from "./fixtures";

// The webhooks dashboard as an owner, a member and an outsider use it, against a real loopback
// receiver and the real delivery pipeline. Each main screen is screenshotted and axe-scanned.
const base = `/${OWNER.org}/settings/integrations/webhooks`;

async function addWebhook(page: Page, url: string, description: string) {
  await page.goto(`${base}/new`);
  await page.getByLabel("Endpoint URL").fill(url);
  await page.getByLabel("Description (optional)").fill(description);
  await page.getByRole("checkbox", { name: /^lead\.created/ }).check();
  await page.getByRole("checkbox", { name: /^booking\.created/ }).check();
  await page.getByRole("button", { name: "Save and send test ping" }).click();
  await expect(page.getByRole("heading", { name: "Webhook saved" })).toBeVisible();
}

// Radix also mirrors a toast's text into a screen-reader announcer, hence exact + first.
function toast(page: Page, title: string) {
  return page.getByText(title, { exact: true }).first();
}

function deliveryRows(page: Page, eventType: string) {
  return page.getByTestId("delivery-row").filter({ has: page.getByRole("link", { name: eventType, exact: true }) });
}

test.describe.configure({ mode: "serial" });

let endpointPath = "";
let failedDeliveryPath = "";

test("an owner adds a webhook: the ping succeeds, the secret is shown once; a dead port fails with advice", async ({
  page,
}) => {
  const receiver = await startReceiver();
  try {
    await signIn(page, OWNER);
    await page.goto(`${base}/new`);
    await expect(page.getByRole("checkbox", { name: /^lead\.created/ })).toBeVisible();
    await page.getByLabel("Endpoint URL").fill("not a url");
    await page.getByRole("button", { name: "Save and send test ping" }).click();
    await expect(page.getByText("Enter a full URL")).toBeVisible();
    await expect(page.getByText("pick at least one event")).toBeVisible();
    await checkScreen(page, "webhook-add-form");

    await addWebhook(page, receiver.url, "E2E receiver");
    await expect(page.getByText("Test ping delivered")).toBeVisible();
    await expect(page.getByText(/answered 200 in \d+ ms/)).toBeVisible();
    await expect(page.getByTestId("one-time-secret")).toHaveText(/^whsec_/);
    expect(receiver.received.some((r) => JSON.parse(r.body).event === "webhook.test")).toBe(true);
    await checkScreen(page, "webhook-created-ping-ok");
    endpointPath = (await page.getByRole("link", { name: "Go to endpoint" }).getAttribute("href")) ?? "";
    expect(endpointPath).toContain(base);

    await addWebhook(page, `http://127.0.0.1:${await freePort()}/hook`, "Nothing listens here");
    await expect(page.getByText("Test ping failed")).toBeVisible();
    await expect(page.getByText("Nothing is listening at that address")).toBeVisible();
    await checkScreen(page, "webhook-created-ping-failed");

    await page.goto(base);
    await expect(page.getByRole("link", { name: receiver.url })).toBeVisible();
    await checkScreen(page, "webhooks-list");
  } finally {
    await receiver.close();
  }
});

test("a sample event is delivered; a 500 is explained on the delivery page and retried after recovery", async ({
  page,
}) => {
  const receiver = await startReceiver();
  try {
    await signIn(page, OWNER);
    // Point the endpoint at this test's receiver (the first test's one is gone).
    await page.goto(`${endpointPath}/edit`);
    await page.getByLabel("Endpoint URL").fill(receiver.url);
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page).toHaveURL(new RegExp(`${endpointPath}$`));
    await expect(page.getByRole("heading", { name: receiver.url })).toBeVisible();

    await page.getByLabel("Sample event").selectOption("lead.created");
    await page.getByRole("button", { name: "Send sample event" }).click();
    await expect(toast(page, "Sample lead.created queued")).toBeVisible();
    await expect(deliveryRows(page, "lead.created").first()).toHaveAttribute("data-status", "succeeded", {
      timeout: 30_000,
    });
    expect(receiver.received.some((r) => JSON.parse(r.body).event === "lead.created")).toBe(true);
    await checkScreen(page, "endpoint-page");

    receiver.answer(500);
    const before = receiver.received.length;
    await page.getByLabel("Sample event").selectOption("booking.created");
    await page.getByRole("button", { name: "Send sample event" }).click();
    await expect.poll(() => receiver.received.length, { timeout: 30_000 }).toBeGreaterThan(before);
    const row = deliveryRows(page, "booking.created").first();
    await expect(row).toContainText("500", { timeout: 15_000 });
    await row.getByRole("link", { name: "booking.created" }).click();

    await expect(page.getByRole("heading", { name: "booking.created" })).toBeVisible();
    await expect(page.getByText("Your server had an error (500)")).toBeVisible();
    await expect(
      page
        .getByText("x-empfio-signature", { exact: true })
        .or(page.getByText("X-Empfio-Signature", { exact: true }))
        .first(),
    ).toBeVisible();
    await expect(page.getByRole("button", { name: "Copy as curl" }).first()).toBeVisible();
    failedDeliveryPath = new URL(page.url()).pathname;
    await checkScreen(page, "delivery-detail-failed");

    receiver.answer(200);
    await page.getByRole("button", { name: "Retry now" }).click();
    await expect(toast(page, "Delivered")).toBeVisible();
    await expect(page.getByText("Succeeded").first()).toBeVisible();
    // Each attempt shows the request it sent: the event's payload (the first one's once opened).
    await page.getByText("Request and response", { exact: true }).first().click();
    for (const n of [1, 2])
      await expect(page.getByRole("figure", { name: `Attempt ${n} request body` })).toContainText(
        '"event": "booking.created"',
      );
    await checkScreen(page, "delivery-detail-retried");
  } finally {
    await receiver.close();
  }
});

test("an owner rotates the secret, toggles the endpoint and filters the org-wide log", async ({ page }) => {
  await signIn(page, OWNER);
  await page.goto(endpointPath);
  await page.getByRole("button", { name: "Reveal" }).click();
  const secret = page.getByRole("textbox", { name: "Signing secret" });
  await expect(secret).toHaveValue(/^whsec_[A-Za-z0-9+/=_-]+$/);
  const oldSecret = await secret.inputValue();

  await page.getByRole("button", { name: "Rotate secret" }).click();
  await expect(page.getByRole("dialog", { name: "Rotate the signing secret?" })).toBeVisible();
  await checkScreen(page, "rotate-secret-dialog");
  await page.getByRole("dialog").getByRole("button", { name: "Rotate secret" }).click();
  await expect(page.getByText("New signing secret")).toBeVisible();
  const rotated = await page.getByTestId("one-time-secret").textContent();
  expect(rotated).toMatch(/^whsec_/);
  expect(rotated).not.toBe(oldSecret);
  await expect(page.getByText(/previous secret keeps signing X-Empfio-Signature/)).toBeVisible();

  const toggle = page.getByRole("switch", { name: "Endpoint enabled" });
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-checked", "false");
  await expect(page.getByText("This endpoint is disabled")).toBeVisible();
  await page.reload();
  await expect(page.getByRole("switch", { name: "Endpoint enabled" })).toHaveAttribute("aria-checked", "false");
  await page.getByRole("switch", { name: "Endpoint enabled" }).click();
  await expect(page.getByRole("switch", { name: "Endpoint enabled" })).toHaveAttribute("aria-checked", "true");

  await page.goto(`${base}/deliveries`);
  await expect(page.getByTestId("delivery-row").first()).toBeVisible();
  await page.getByLabel("Status").selectOption("succeeded");
  await expect(page.getByTestId("delivery-row").first()).toHaveAttribute("data-status", "succeeded");
  await expect(page.locator('[data-testid="delivery-row"]:not([data-status="succeeded"])')).toHaveCount(0);
  await checkScreen(page, "delivery-log");
});

test("docs and API keys pages render; a key is shown once and can be revoked", async ({ page }) => {
  // Five screens, each with an axe scan: more than the default minute on a loaded CI box.
  test.setTimeout(120_000);
  await signIn(page, OWNER);
  await page.goto(`/${OWNER.org}/docs/events`);
  await expect(page.getByRole("heading", { name: "lead.created" })).toBeVisible();
  await expect(page.getByRole("figure", { name: "Node.js verification code" })).toContainText(
    "x-empfio-signature-next",
  );
  await checkScreen(page, "docs-events");

  await page.goto(`/${OWNER.org}/docs/api`);
  await expect(page.getByRole("heading", { name: /\/api\/v1\/webhook-endpoints$/ }).first()).toBeVisible();
  await checkScreen(page, "docs-api");

  await page.goto(`/${OWNER.org}/settings/integrations`);
  await expect(page.getByRole("heading", { name: "Cal.com" })).toBeVisible();
  await checkScreen(page, "integrations-overview");

  await page.goto(`/${OWNER.org}/settings/api-keys`);
  await page.getByRole("button", { name: "Create API key" }).click();
  await page.getByLabel("Name").fill("E2E dashboard key");
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByTestId("one-time-secret")).toHaveText(/^emp_/);
  await checkScreen(page, "api-key-created");
  await page.getByRole("button", { name: "Done" }).click();
  await page.getByRole("button", { name: "Revoke E2E dashboard key" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke key" }).click();
  await expect(page.getByRole("row", { name: /E2E dashboard key/ })).toContainText("Revoked");
  await checkScreen(page, "api-keys");
});

test("a member sees webhooks but no edit controls", async ({ page }) => {
  await signIn(page, MEMBER);
  const me = page.waitForResponse((r) => r.url().endsWith("/api/v1/me") && r.ok());
  await page.goto(base);
  await me;
  await expect(page.getByRole("main").getByRole("link", { name: "Delivery log" })).toBeVisible();
  await expect(page.getByRole("list", { name: "Webhook endpoints" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Add webhook" })).toHaveCount(0);
  await checkScreen(page, "webhooks-list-member");

  await page.goto(endpointPath);
  await expect(page.getByRole("heading", { name: "Delivery log" })).toBeVisible();
  for (const name of ["Send test ping", "Rotate secret", "Reveal", "Delete endpoint", "Send sample event", "Recover"]) {
    await expect(page.getByRole("button", { name })).toHaveCount(0);
  }
  await expect(page.getByRole("switch")).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Edit" })).toHaveCount(0);
  await checkScreen(page, "endpoint-page-member");

  await page.goto(failedDeliveryPath);
  await expect(page.getByRole("heading", { name: "Attempts" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Retry now" })).toHaveCount(0);

  await page.goto(`${base}/new`);
  await expect(page.getByText("Read-only access")).toBeVisible();
  await expect(page.getByLabel("Endpoint URL")).toHaveCount(0);
});

test("another organization's user gets 404 on these pages", async ({ page }) => {
  await signIn(page, OUTSIDER);
  await expectNotFound(page, [
    base,
    endpointPath,
    failedDeliveryPath,
    `${base}/deliveries`,
    `/${OWNER.org}/settings/api-keys`,
  ]);
  // Their own org's URL with our ids is a 404 too, not an empty page.
  for (const path of [endpointPath, failedDeliveryPath]) {
    const own = path.replace(`/${OWNER.org}/`, `/${OUTSIDER.org}/`);
    const res = await page.goto(own);
    expect({ own, status: res?.status() }).toEqual({ own, status: 404 });
  }
});

test("the endpoint page works on a phone in dark mode", async ({ browser }) => {
  await onPhoneInDarkMode(browser, OWNER, async (page) => {
    await page.goto(endpointPath);
    await expect(page.getByTestId("delivery-row").first()).toBeVisible();
    await expect(page.getByText(/^Last 24 hours:/)).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.classList.contains("dark"))).toBe(true);
    await checkScreen(page, "endpoint-page-phone-dark");
    await page.goto(failedDeliveryPath);
    await expect(page.getByRole("heading", { name: "Attempts" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Copy as curl" }).first()).toBeVisible();
    await checkScreen(page, "delivery-detail-phone-dark");
  });
});
