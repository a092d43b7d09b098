import { expect, test } from "@playwright/test";
import { startReceiver } from "@/test/support/receiver";
import { checkScreen, MEMBER, onPhoneInDarkMode, OWNER, signIn } from "./fixtures";
import { mailTo } from "./mail";

// An endpoint answering 410 is disabled by the delivery engine; the alert reaches the bell and the
// notifications list, read state is per user, and each member sets their own alert emails.
const H = { "X-Empfio-Organization": OWNER.org };

// Several screens, each with an axe scan, and a second browser context: more than the default minute.
test.describe.configure({ timeout: 240_000 });

test("the bell and the notifications list show an endpoint disabled by 410 Gone", async ({ page, browser }) => {
  const gone = await startReceiver(() => ({ status: 410 }));
  // A second endpoint gone too, so "Mark all read" has one left to clear after one is read by hand.
  const alsoGone = await startReceiver(() => ({ status: 410 }));
  try {
    await signIn(page, OWNER);
    for (const [receiver, description] of [
      [gone, "Retired Zapier hook"],
      [alsoGone, "Retired Make hook"],
    ] as const) {
      const created = await page.request.post("/api/v1/webhook-endpoints", {
        headers: H,
        data: { url: receiver.url, description, event_types: ["lead.created"] },
      });
      expect(created.status()).toBe(201);
      const { endpoint } = await created.json();
      const sent = await page.request.post(`/api/v1/webhook-endpoints/${endpoint.id}/send-sample`, {
        headers: H,
        data: { event_type: "lead.created" },
      });
      expect(sent.status()).toBe(202);
    }
    const title = `Endpoint disabled: ${gone.url}`;
    await expect
      .poll(async () => {
        const feed = await (await page.request.get("/api/v1/notifications", { headers: H })).json();
        return feed.data.map((n: { title: string }) => n.title);
      })
      .toEqual(expect.arrayContaining([title, `Endpoint disabled: ${alsoGone.url}`]));
    // The worker disabled the endpoint, so the worker queued the owner's email.
    await expect.poll(() => mailTo(OWNER.email).map((m) => m.subject)).toContain(title);

    await page.goto(`/${OWNER.org}/settings/integrations/webhooks`);
    const bell = page.getByRole("button", { name: /^Notifications, \d+ unread$/ });
    await expect(bell).toBeVisible();
    await bell.click();
    const panel = page.getByRole("dialog", { name: "Notifications" });
    await expect(
      panel.getByRole("link", { name: new RegExp(`Unread: ${title.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}`) }),
    ).toBeVisible();
    await expect(panel).toContainText("410 Gone");
    await checkScreen(page, "notifications-bell");

    await panel.getByRole("link", { name: "View all notifications" }).click();
    await expect(page).toHaveURL(new RegExp(`/${OWNER.org}/notifications$`));
    const row = page.getByRole("listitem").filter({ hasText: title });
    await expect(row).toBeVisible();
    await checkScreen(page, "notifications-list");
    await row.getByRole("button", { name: /^Mark read: / }).click();
    await expect(row.getByRole("button", { name: /^Mark read: / })).toHaveCount(0);
    await page.getByRole("button", { name: "Mark all read" }).click();
    await expect(page.getByRole("button", { name: "Notifications", exact: true })).toBeVisible();
    await page.getByRole("button", { name: /^Unread/ }).click();
    await expect(page.getByText("Nothing unread")).toBeVisible();

    // Read state is per user: the member still has it unread, and sees it in the feed.
    await onPhoneInDarkMode(browser, MEMBER, async (phone) => {
      await phone.goto(`/${MEMBER.org}/notifications`);
      await expect(phone.getByRole("listitem").filter({ hasText: title })).toBeVisible();
      await expect(phone.getByRole("button", { name: /^Notifications, \d+ unread$/ })).toBeVisible();
      await checkScreen(phone, "notifications-list-phone-dark");
    });
  } finally {
    await gone.close();
    await alsoGone.close();
  }
});

test("each owner or admin turns their own alert emails off; a member cannot", async ({ page, browser }) => {
  await signIn(page, OWNER);
  await page.goto(`/${OWNER.org}/settings/notifications`);
  const toggle = page.getByRole("switch", { name: "Email me webhook alerts" });
  await expect(toggle).toBeChecked();
  await checkScreen(page, "notification-settings");
  await toggle.click();
  await expect(page.getByText("Alert emails off", { exact: true })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("switch", { name: "Email me webhook alerts" })).not.toBeChecked();
  await page.getByRole("switch", { name: "Email me webhook alerts" }).click();
  await expect(page.getByText("Alert emails on", { exact: true })).toBeVisible();

  await onPhoneInDarkMode(browser, MEMBER, async (phone) => {
    await phone.goto(`/${MEMBER.org}/settings/notifications`);
    await expect(phone.getByRole("switch", { name: "Email me webhook alerts" })).toBeDisabled();
    await expect(phone.getByText("Alert emails go to owners and admins.")).toBeVisible();
  });
});
