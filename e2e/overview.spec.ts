import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { createDb, type Db } from "@/lib/db/client";
import { createOrganization } from "@/lib/organizations/create-organization";
import { checkScreen, signIn } from "./fixtures";

// The Overview of an organization with leads, bookings, an escalation and failing webhooks, and
// of one with nothing yet. Each organization is this spec's own, so other specs cannot move its figures.
const FIGURES = { email: "owner@figures-salon.example", password: "figures-password-1", org: "figures-salon" };
const QUIET = { email: "owner@quiet-salon.example", password: "quiet-password-1", org: "quiet-salon" };

let db: Db;
let disabledId = "";

test.beforeAll(async () => {
  db = createDb(process.env.E2E_DATABASE_URL!, 2);
  const owners = [
    { ...FIGURES, name: "Figures Salon", owner: "Fiona Figures" },
    { ...QUIET, name: "Quiet Salon", owner: "Quentin Quiet" },
  ];
  for (const o of owners)
    await createOrganization(db, {
      name: o.name,
      slug: o.org,
      ownerEmail: o.email,
      ownerPassword: o.password,
      ownerName: o.owner,
    });
  const org = (await db.organization.findUniqueOrThrow({ where: { slug: FIGURES.org } })).id;
  const now = new Date();
  for (const name of ["Ada", "Ben", "Cleo"])
    await db.lead.create({ data: { organizationId: org, name, channel: "phone", createdAt: now } });
  const ada = await db.lead.findFirstOrThrow({ where: { organizationId: org, name: "Ada" } });
  await db.booking.create({
    data: {
      organizationId: org,
      leadId: ada.id,
      service: "Balayage",
      source: "agent",
      status: "confirmed",
      startTime: new Date(now.getTime() + 26 * 3_600_000),
    },
  });
  await db.conversation.create({
    data: {
      organizationId: org,
      leadId: ada.id,
      channel: "whatsapp",
      status: "escalated",
      escalationReason: "Asks for a price the agent does not know",
      escalatedAt: now,
    },
  });
  const endpoint = (url: string, extra: object) =>
    db.webhookEndpoint.create({
      data: { organizationId: org, url, eventTypes: ["lead.created"], secretEncrypted: "unused", ...extra },
    });
  const healthy = await endpoint("https://hooks.figures.example/sheet", {});
  disabledId = (
    await endpoint("https://hooks.zapier.example/gone", {
      enabled: false,
      disabledReason: "The endpoint answered 410 Gone",
      disabledAt: now,
    })
  ).id;
  await endpoint("https://hooks.figures.example/crm", { consecutiveFailures: 7 });
  for (const status of ["succeeded", "succeeded", "failed"] as const) {
    const event = await db.webhookEvent.create({
      data: { id: randomUUID(), organizationId: org, type: "lead.created", payload: "{}", occurredAt: now },
    });
    await db.webhookDelivery.create({
      data: { organizationId: org, eventId: event.id, endpointId: healthy.id, eventType: "lead.created", status },
    });
  }
});

test.afterAll(() => db?.$disconnect());

test("the Overview shows the seeded figures, the upcoming booking, the escalation and the failing webhooks", async ({
  page,
}) => {
  await signIn(page, FIGURES);
  await expect(page.getByRole("heading", { name: "Welcome, Fiona Figures" })).toBeVisible();
  const leadsToday = page.getByTestId("stat").filter({ has: page.getByRole("heading", { name: "Leads today" }) });
  await expect(leadsToday).toContainText("3");
  await expect(leadsToday).toContainText(/\+3 vs\. this time last \w+day \(none then\)/);
  await expect(page.getByTestId("stat").filter({ hasText: "Bookings this week" })).toContainText("1");
  await expect(page.getByRole("heading", { name: "Upcoming bookings (1)" })).toBeVisible();
  await expect(page.getByText("Balayage")).toBeVisible();
  await expect(page.getByText("Asks for a price the agent does not know", { exact: false })).toBeVisible();
  await expect(page.getByText("Deliveries in the last 24 hours: 2 succeeded, 1 failed, 0 pending.")).toBeVisible();
  await expect(page.locator(".recharts-bar-rectangle").first()).toBeVisible();
  await expect(page.getByText("7 failed deliveries in a row")).toBeVisible();
  await expect(page.getByText("The endpoint answered 410 Gone")).toBeVisible();
  await checkScreen(page, "overview-figures");

  await page.getByRole("link", { name: "https://hooks.zapier.example/gone" }).click();
  await expect(page).toHaveURL(new RegExp(`/settings/integrations/webhooks/${disabledId}$`));
});

test("an organization with nothing yet sees an honest empty state with the next step", async ({ page }) => {
  await signIn(page, QUIET);
  await expect(page.getByRole("heading", { name: "Nothing to show yet" })).toBeVisible();
  await expect(page.getByTestId("stat")).toHaveCount(0);
  await checkScreen(page, "overview-empty");
  await page.getByRole("link", { name: "Add a webhook" }).click();
  await expect(page).toHaveURL(/\/settings\/integrations\/webhooks\/new$/);
});
