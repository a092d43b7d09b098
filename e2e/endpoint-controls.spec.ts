import { expect, test } from "@playwright/test";
import { startReceiver } from "@/test/support/receiver";
import { checkScreen, OWNER, signIn } from "./fixtures";

// Custom headers, a rate limit and a payload filter set in the endpoint form (with the filter's
// preview against each subscribed type's sample), shown on the endpoint page, kept on edit.
const base = `/${OWNER.org}/settings/integrations/webhooks`;
const TOKEN = "Bearer e2e-token-0123456789";

test("an owner sets custom headers, a rate limit and a payload filter, previewing the filter", async ({ page }) => {
  test.setTimeout(180_000);
  const receiver = await startReceiver();
  try {
    await signIn(page, OWNER);
    await page.goto(`${base}/new`);
    await page.getByLabel("Endpoint URL").fill(receiver.url);
    await page.getByRole("checkbox", { name: /^lead\.created/ }).check();
    await page.getByRole("checkbox", { name: /^booking\.created/ }).check();

    await page.getByRole("button", { name: "Add header" }).click();
    await page.getByLabel("Header 1 name").fill("Host");
    await page.getByLabel("Header 1 value").fill("evil.example");
    await page.getByRole("button", { name: "Add header" }).click();
    await page.getByLabel("Header 2 name").fill("Authorization");
    await page.getByLabel("Header 2 value").fill(TOKEN);
    await page.getByLabel("Rate limit (optional)").fill("5");

    const filter = page.getByLabel("Payload filter (optional)");
    const preview = page.getByTestId("filter-preview");
    await filter.fill('{ "data.channel": ');
    await expect(page.getByText(/Not valid JSON/)).toBeVisible();
    await filter.fill('{ "data.channel": { "$in": "phone" } }');
    await expect(page.getByText("must be a list of 1 to 100")).toBeVisible();
    // The catalogue's lead.created sample came in over WhatsApp; a booking has no channel.
    await filter.fill('{ "data.channel": { "$in": ["phone", "whatsapp"] } }');
    await expect(preview.getByRole("listitem").filter({ hasText: "lead.created" })).toContainText("Would be sent");
    await expect(preview.getByRole("listitem").filter({ hasText: "booking.created" })).toContainText("Filtered out");
    await filter.fill('{ "$or": [{ "data.channel": "phone" }, { "event": { "$ne": "lead.created" } }] }');
    await expect(preview.getByRole("listitem").filter({ hasText: "lead.created" })).toContainText("Filtered out");
    await expect(preview.getByRole("listitem").filter({ hasText: "booking.created" })).toContainText("Would be sent");

    await page.getByRole("button", { name: "Save and send test ping" }).click();
    await expect(page.getByText(/"Host" is set by Empfio/)).toBeVisible();
    await checkScreen(page, "endpoint-controls-form");

    await page.getByRole("button", { name: "Remove header Host" }).click();
    await page.getByRole("button", { name: "Save and send test ping" }).click();
    await expect(page.getByText("Test ping delivered")).toBeVisible();
    expect(receiver.received.at(-1)?.headers.authorization).toBe(TOKEN);

    await page.getByRole("link", { name: "Go to endpoint" }).click();
    const controls = page.getByRole("region", { name: "Delivery controls" });
    await expect(controls.getByTestId("rate-limit")).toHaveText(/At most 5 per second/);
    await expect(controls.getByTestId("custom-headers")).toHaveText("Authorization: ••••••6789");
    await expect(controls).toContainText('"$or"');
    await expect(controls).not.toContainText(TOKEN);
    await checkScreen(page, "endpoint-controls-page");

    // Editing keeps the masked value; the next ping still carries the token.
    await page.goto(`${page.url()}/edit`);
    await expect(page.getByLabel("Header 1 value")).toHaveValue("••••••6789");
    await page.getByLabel("Rate limit (optional)").fill("10");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByRole("region", { name: "Delivery controls" }).getByTestId("rate-limit")).toHaveText(
      /At most 10 per second/,
    );
    await page.getByRole("button", { name: "Send test ping" }).click();
    await expect.poll(() => receiver.received.length).toBeGreaterThanOrEqual(2);
    expect(receiver.received.at(-1)?.headers.authorization).toBe(TOKEN);
  } finally {
    await receiver.close();
  }
});
