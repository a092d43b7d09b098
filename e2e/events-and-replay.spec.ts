import { expect, test, type Page } from "@playwright/test";
import { createDb, type Db } from "@/lib/db/client";
import { createOrganization } from "@/lib/organizations/create-organization";
import { outboxEvent } from "@/lib/webhooks/emit-event";
import { EVENT_CATALOGUE } from "@/lib/webhooks/event-catalogue";
import { LOST_RUN_REASON } from "@/lib/webhooks/sweep-bulk-retries";
import { startReceiver } from "@/test/support/receiver";
import { checkScreen, signIn } from "./fixtures";

// The event log, replaying an event and retrying all matching failed deliveries, against a real loopback receiver and
// the real pipeline. The organization is this spec's own, so the counts it asserts are its own.
const REPLAY = { email: "owner@replay-salon.example", password: "replay-password-1", org: "replay-salon" };
const base = `/${REPLAY.org}/settings/integrations/webhooks`;
const H = { "X-Empfio-Organization": REPLAY.org };

let db: Db;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let endpointId = "";
let orgId = "";

// Generous: axe scans on a busy machine take long; nothing here asserts a timing.
test.describe.configure({ mode: "serial", timeout: 240_000 });

test.beforeAll(async () => {
  db = createDb(process.env.E2E_DATABASE_URL!, 2);
  ({
    organization: { id: orgId },
  } = await createOrganization(db, {
    name: "Replay Salon",
    slug: REPLAY.org,
    ownerEmail: REPLAY.email,
    ownerPassword: REPLAY.password,
    ownerName: "Rita Replay",
  }));
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

/** `count` failed deliveries of `type` to the endpoint, an hour old, each of its own event. */
async function seedFailed(type: "lead.created" | "booking.created", count: number) {
  const { payload } = outboxEvent(orgId, type, EVENT_CATALOGUE[type].sample);
  await db.$executeRaw`
    WITH ev AS (
      INSERT INTO webhook_events (id, organization_id, type, payload, occurred_at, created_at)
      SELECT gen_random_uuid(), ${orgId}::uuid, ${type}, ${payload}, now(), now() - interval '1 hour'
      FROM generate_series(1, ${count}) RETURNING id
    )
    INSERT INTO webhook_deliveries (id, organization_id, event_id, endpoint_id, event_type, status, attempt_count,
      scheduled_attempts, last_status_code, completed_at, created_at, updated_at)
    SELECT gen_random_uuid(), ${orgId}::uuid, ev.id, ${endpointId}::uuid, ${type}, 'failed', 4, 4, 500, now(),
      now() - interval '1 hour', now()
    FROM ev`;
}

test("retry all matching: the log's filters, confirmed with the count, progress until done", async ({ page }) => {
  // More than one step's batch (1,000), so the job moves through its progress.
  await seedFailed("lead.created", 1_200);
  await seedFailed("booking.created", 5);
  const leads = () => receiver.received.filter((r) => JSON.parse(r.body).event === "lead.created").length;
  const leadsBefore = leads();

  await signIn(page, REPLAY);
  await page.goto(`${base}/deliveries`);
  await page.getByLabel("Status").selectOption("failed");
  await page.getByLabel("Event type").selectOption("lead.created");
  await page.getByRole("button", { name: "Retry all matching" }).click();
  const confirm = page.getByRole("dialog", { name: "Retry 1,200 failed deliveries?" });
  await expect(confirm).toBeVisible();
  await checkScreen(page, "bulk-retry-confirm");
  // The last 200 held by another transaction: the job's first step re-queues 1,000 and its second
  // waits for them, so the progress shows mid-way.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  let holding = Promise.resolve();
  await new Promise<void>((locked) => {
    holding = db.$transaction(
      async (tx) => {
        // The offset in a subquery: FOR UPDATE beside OFFSET would lock the skipped rows too.
        await tx.$queryRaw`SELECT id FROM webhook_deliveries WHERE id IN (
          SELECT id FROM webhook_deliveries
          WHERE organization_id = ${orgId}::uuid AND event_type = 'lead.created' AND status = 'failed'
          ORDER BY created_at, id OFFSET 1000) FOR UPDATE`;
        locked();
        await held;
      },
      { timeout: 180_000 },
    );
  });
  await confirm.getByRole("button", { name: "Retry 1,200" }).click();

  const progress = page.getByTestId("bulk-retry-progress");
  await expect(progress).toContainText("Re-queuing failed deliveries: 1,000 of 1,200");
  await expect(progress.getByRole("progressbar", { name: "Bulk retry progress" })).toHaveAttribute(
    "aria-valuenow",
    "83",
  );
  await checkScreen(page, "bulk-retry-running");
  // Away and back within the app (no reload): the running job is still there.
  await page.getByRole("link", { name: "Inbound log" }).click();
  await expect(page.getByRole("heading", { name: "Inbound log" })).toBeVisible();
  await page.getByRole("link", { name: "Delivery log" }).click();
  await expect(progress).toContainText("Re-queuing failed deliveries: 1,000 of 1,200");
  release();
  await holding;
  await expect(progress).toHaveAttribute("data-status", "succeeded", { timeout: 60_000 });
  await expect(progress).toContainText("Re-queued 1,200 deliveries; they are being sent now.");
  await expect(progress.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "100");
  await checkScreen(page, "bulk-retry-done");

  await expect.poll(leads, { timeout: 120_000 }).toBe(leadsBefore + 1_200);

  // A job the sweep gave up on after its run was lost, long after it was started: its reason is
  // on the delivery log for whoever opens it.
  await db.$executeRaw`INSERT INTO jobs (id, organization_id, kind, filters, total, done, status, error, restarts,
      updated_at, completed_at)
    VALUES (gen_random_uuid(), ${orgId}::uuid, 'bulk_retry', '{}', 1200, 500, 'failed', ${LOST_RUN_REASON}, 3, now(), now())`;
  await page.reload();
  await expect(progress).toHaveAttribute("data-status", "failed");
  await expect(progress).toContainText(`Stopped after 500 of 1,200: ${LOST_RUN_REASON}`);
  await checkScreen(page, "bulk-retry-lost");
  await progress.getByRole("button", { name: "Dismiss" }).click();
  await expect(progress).toBeHidden();
  expect(
    await db.webhookDelivery.count({
      where: { organizationId: orgId, eventType: "booking.created", status: "failed" },
    }),
  ).toBe(5);
});
