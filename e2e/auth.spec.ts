import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { MEMBER, OUTSIDER, OWNER, screenshot, signIn } from "./fixtures";

test("an owner signs in, lands on the dashboard and moves around", async ({ page }) => {
  await signIn(page, OWNER);
  await expect(page).toHaveURL(new RegExp(`/${OWNER.org}$`));
  await expect(page.getByRole("heading", { name: "Welcome, Olivia Owner" })).toBeVisible();
  await screenshot(page, "dashboard-overview");
  await page.getByRole("link", { name: "Webhooks" }).first().click();
  await expect(page.getByRole("heading", { name: "Webhooks", exact: true })).toBeVisible();
  await page.getByRole("link", { name: "Members" }).first().click();
  await expect(page.getByRole("cell", { name: MEMBER.email })).toBeVisible();
  const scan = await new AxeBuilder({ page }).analyze();
  expect(scan.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
});

test("a wrong password and an unknown email get the same clear error", async ({ page }) => {
  await page.goto("/login");
  for (const email of [OWNER.email, "nobody@e2e-salon.example"]) {
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Wrong email or password." })).toBeVisible();
  }
  await expect(page).toHaveURL(/\/login/);
  await screenshot(page, "login-error");
});

test("another organization's pages answer 404, and signed-out visitors go to sign-in", async ({ page }) => {
  await signIn(page, OUTSIDER);
  const response = await page.goto(`/${OWNER.org}/settings/integrations/webhooks`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await page.context().clearCookies();
  await page.goto(`/${OUTSIDER.org}`);
  await expect(page).toHaveURL(/\/login/);
});

test("the dashboard works on a phone and in dark mode", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.emulateMedia({ colorScheme: "dark" });
  await signIn(page, OWNER);
  await page.getByRole("button", { name: "Open menu" }).click();
  await page.getByRole("link", { name: "Leads" }).click();
  await expect(page.getByRole("heading", { name: "Leads", exact: true })).toBeVisible();
  await screenshot(page, "mobile-dark-leads");
  const scan = await new AxeBuilder({ page }).analyze();
  expect(scan.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
});
