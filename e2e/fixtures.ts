import AxeBuilder from "@axe-core/playwright";
import { expect, type Browser, type Page } from "@playwright/test";

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

/** A full-page screenshot, then an axe scan that fails on any serious or critical violation. */
export async function checkScreen(page: Page, name: string) {
  // After router.refresh() Next.js re-inserts the <title> once the page's metadata has streamed
  // in; scan the settled page. A page that never gets a title still fails, here or in axe.
  await expect(page).not.toHaveTitle("");
  await screenshot(page, name);
  const scan = await new AxeBuilder({ page }).analyze();
  const serious = scan.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`),
    `axe on ${name}`,
  ).toEqual([]);
}

/** Each path answers 404 to the signed-in user: another organization's pages are not found, not empty. */
export async function expectNotFound(page: Page, paths: string[]) {
  for (const path of paths) {
    const res = await page.goto(path);
    expect({ path, status: res?.status() }).toEqual({ path, status: 404 });
  }
}

/** Runs `steps` signed in as `user` on a phone-sized viewport in dark mode. */
export async function onPhoneInDarkMode(
  browser: Browser,
  user: { email: string; password: string },
  steps: (page: Page) => Promise<void>,
) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, colorScheme: "dark" });
  try {
    const page = await context.newPage();
    await signIn(page, user);
    await steps(page);
  } finally {
    await context.close();
  }
}
