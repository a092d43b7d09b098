import { expect, test, type Page } from "@playwright/test";
import { createDb, type Db } from "@/lib/db/client";
import { createOrganization } from "@/lib/organizations/create-organization";
import { startReceiver } from "@/test/support/receiver";
import { checkScreen, signIn } from "./fixtures";

// The event log and replaying an event, against a real loopback receiver and the real pipeline. The organization is this
// spec's own, so the counts it asserts are its own.
const REPLAY = { email: "owner@replay-salon.example", password: "replay-password-1", org: "replay-salon" };
const base = `/${REPLAY.org}/settings/integrations/webhooks`;
const H = { "X-Empfio-Organization": REPLAY.org };

let db: Db;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let endpointId = "";

// Generous: axe scans on a busy machine take long; nothing here asserts a timing.
test.describe.configure({ mode: "serial", timeout: 240_000 });

test.beforeAll(async () => {
  db = createDb(process.env.E2E_DATABASE_URL!, 2);
  await createOrganization(db, {
    name: "Replay Salon",
    slug: REPLAY.org,
    ownerEmail: REPLAY.email,
    ownerPassword: REPLAY.password,
    ownerName: "Rita Replay",
  });
  receiver = await startReceiver();
});

test.afterAll(async () => {
  await receiver?.close();
  await db?.$disconnect();
});

function toast(page: Page, title: string) {
  return page.getByText(title, { exact: true }).first();
}

test("the event log lists events; replaying one sends the same body with a new webhook-id", async ({ page }) => {
  await signIn(page, REPLAY);
  await page.goto(`${base}/events`);
  await expect(page.getByText("No events yet")).toBeVisible();
  await checkScreen(page, "event-log-empty");

  const created = await page.request.post("/api/v1/webhook-endpoints", {
    headers: H,
    data: { url: receiver.url, event_types: ["lead.created", "booking.created"] },
  });
  endpointId = (await created.json()).endpoint.id;
  for (const event_type of ["lead.created", "booking.created"]) {
    const sample = await page.request.post(`/api/v1/webhook-endpoints/${endpointId}/send-sample`, {
      headers: H,
      data: { event_type },
    });
    expect(sample.status()).toBe(202);
  }
  await expect.poll(() => receiver.received.filter((r) => JSON.parse(r.body).event !== "webhook.test").length).toBe(2);

  await page.goto(base);
  await page.getByRole("link", { name: "Event log" }).click();
  await expect(page).toHaveURL(new RegExp(`${base}/events$`));
  await expect(page.getByTestId("event-row")).toHaveCount(3); // the two samples and the test ping
  await page.getByLabel("Event type").selectOption("lead.created");
  await expect(page.getByTestId("event-row")).toHaveCount(1);
  await expect(page.getByTestId("event-row").getByText("1 succeeded")).toBeVisible();
  await checkScreen(page, "event-log");

  await page.getByRole("link", { name: "lead.created", exact: true }).click();
  await expect(page.getByRole("heading", { name: "lead.created" })).toBeVisible();
  await expect(page.getByTestId("event-delivery")).toHaveCount(1);
  await page.getByRole("button", { name: "Replay event" }).click();
  await expect(page.getByRole("dialog", { name: "Replay lead.created?" })).toBeVisible();
  await checkScreen(page, "event-replay-confirm");
  await page.getByRole("button", { name: "Replay", exact: true }).click();
  await expect(toast(page, "Replaying to 1 endpoint")).toBeVisible();
  const replayRow = page.locator('[data-testid="event-delivery"][data-replay="true"]');
  await expect(replayRow).toHaveAttribute("data-status", "succeeded");
  await checkScreen(page, "event-replayed");

  const leads = receiver.received.filter((r) => JSON.parse(r.body).event === "lead.created");
  expect(leads).toHaveLength(2);
  expect(leads[1].body).toBe(leads[0].body);
  expect(leads[1].headers["webhook-id"]).not.toBe(leads[0].headers["webhook-id"]);

  // Replay to this one endpoint, from its row.
  await page
    .getByRole("button", { name: `Replay to ${receiver.url}` })
    .first()
    .click();
  await expect(page.getByTestId("event-delivery")).toHaveCount(3);
  await expect.poll(() => receiver.received.filter((r) => JSON.parse(r.body).event === "lead.created").length).toBe(3);
});
