import { expect, type Page } from "@playwright/test";

// Users global-setup.ts creates on the e2e database.
export const OWNER = { email: "owner@e2e-salon.example", password: "owner-password-1", org: "e2e-salon" };
export const MEMBER = { email: "member@e2e-salon.example", password: "member-password-1", org: "e2e-salon" };
export const OUTSIDER = { email: "owner@other-salon.example", password: "outsider-password-1", org: "other-salon" };

export async function signIn(page: Page, user: { email: string; password: string }) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

export function screenshot(page: Page, name: string) {
  return page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
}
