import { expect, test, type Page } from "@playwright/test";
import { createDb, type Db } from "@/lib/db/client";
import { addMember } from "@/lib/organizations/add-member";
import { createInvitation } from "@/lib/organizations/create-invitation";
import { createOrganization } from "@/lib/organizations/create-organization";
import { checkScreen, signIn } from "./fixtures";
import { mailTo } from "./mail";

// Inviting the team in Chromium: an owner invites, the invitee joins in a fresh browser context
// with the role they were given, the owner changes it and removes them; pending invitations are
// revoked; bad input and dead links each say what is wrong. The organization is this spec's own.
const OWNER = { email: "owner@team-salon.example", password: "team-owner-password", org: "team-salon" };
const ADMIN = { email: "admin@team-salon.example", password: "team-admin-password" };
const NEWCOMER = { email: "nina@team-salon.example", name: "Nina Newcomer", password: "nina-password-1" };
// Already has an Empfio account, as the owner of another salon.
const ELSEWHERE = { email: "elsa@team-elsewhere.example", password: "elsa-password-1", org: "team-elsewhere" };
const members = `/${OWNER.org}/settings/members`;

let db: Db;
let organization: { id: string; name: string };
let expiredLink = "";

// Several screens with axe scans and a second browser context.
test.describe.configure({ mode: "serial", timeout: 240_000 });

test.beforeAll(async () => {
  db = createDb(process.env.E2E_DATABASE_URL!, 2);
  const created = await createOrganization(db, {
    name: "Team Salon",
    slug: OWNER.org,
    ownerEmail: OWNER.email,
    ownerPassword: OWNER.password,
    ownerName: "Tara Owner",
  });
  organization = created.organization;
  await createOrganization(db, {
    name: "Elsewhere Salon",
    slug: ELSEWHERE.org,
    ownerEmail: ELSEWHERE.email,
    ownerPassword: ELSEWHERE.password,
    ownerName: "Elsa Elsewhere",
  });
  await addMember(db, { organizationId: organization.id, ...ADMIN, role: "admin", name: "Adam Admin" });
  const eightDaysAgo = new Date(Date.now() - 8 * 86_400_000);
  const owner = await db.user.findUniqueOrThrow({ where: { email: OWNER.email } });
  const { token } = await createInvitation(
    db,
    organization,
    { kind: "user", userId: owner.id, role: "owner" },
    { email: "late@team-salon.example", role: "member" },
    eightDaysAgo,
  );
  expiredLink = `/invite/${token}`;
});

test.afterAll(() => db?.$disconnect());

function toast(page: Page, title: string) {
  return page.getByText(title, { exact: true }).first();
}

function memberRow(page: Page, name: string) {
  return page.getByTestId("member-row").filter({ hasText: name });
}

async function openInviteDialog(page: Page) {
  await page.getByRole("button", { name: "Invite someone" }).click();
  const dialog = page.getByRole("dialog", { name: "Invite someone" });
  await expect(dialog).toBeVisible();
  return dialog;
}

/** Invites `email` from the open members page; returns the link's path. */
async function invite(page: Page, email: string, role: "admin" | "member") {
  const dialog = await openInviteDialog(page);
  await dialog.getByLabel("Email").fill(email);
  await dialog.getByLabel("Role").selectOption(role);
  await dialog.getByRole("button", { name: "Create invitation" }).click();
  const created = page.getByRole("dialog", { name: "Invitation created" });
  const link = (await created.getByTestId("invitation-link").textContent())!;
  await created.getByRole("button", { name: "Done" }).click();
  return new URL(link).pathname;
}

test("an owner invites someone, who joins in a fresh browser with their role; the owner changes it and removes them", async ({
  page,
  browser,
}) => {
  await signIn(page, OWNER);
  await page.goto(members);
  await expect(memberRow(page, "Adam Admin")).toBeVisible();
  await checkScreen(page, "members-owner");

  // Bad input first: each refused with a message under its field, nothing created.
  const dialog = await openInviteDialog(page);
  await checkScreen(page, "invite-dialog");
  await dialog.getByLabel("Email").fill("nina-at-team-salon");
  await dialog.getByRole("button", { name: "Create invitation" }).click();
  await expect(dialog.getByText("must be a valid email address")).toBeVisible();
  await dialog.getByLabel("Email").fill(ADMIN.email);
  await dialog.getByRole("button", { name: "Create invitation" }).click();
  await expect(dialog.getByText(`${ADMIN.email} is already a member of Team Salon.`)).toBeVisible();
  await checkScreen(page, "invite-dialog-errors");

  await dialog.getByLabel("Email").fill(NEWCOMER.email);
  await dialog.getByLabel("Role").selectOption("member");
  await dialog.getByRole("button", { name: "Create invitation" }).click();
  const created = page.getByRole("dialog", { name: "Invitation created" });
  await expect(created).toContainText(`Link for ${NEWCOMER.email} (member)`);
  const link = (await created.getByTestId("invitation-link").textContent())!;
  expect(link).toMatch(/\/invite\/[\w-]{40,}$/);
  await checkScreen(page, "invitation-created");
  await created.getByRole("button", { name: "Done" }).click();
  await expect(page.getByTestId("invitation-row").filter({ hasText: NEWCOMER.email })).toBeVisible();

  // The same link arrives by email, through the run's SMTP server.
  await expect.poll(() => mailTo(NEWCOMER.email).length).toBe(1);
  const [mail] = mailTo(NEWCOMER.email);
  expect(mail.subject).toBe("Tara Owner invited you to Team Salon on Empfio");
  expect(mail.text).toContain(`Accept the invitation: ${link}`);

  // A fresh browser: no cookies, no account yet.
  const invitee = await browser.newContext();
  try {
    const fresh = await invitee.newPage();
    await fresh.goto(new URL(link).pathname);
    await expect(fresh.getByRole("heading", { name: "Join Team Salon" })).toBeVisible();
    await expect(fresh.getByText(`Tara Owner invited ${NEWCOMER.email} to Team Salon as a member.`)).toBeVisible();
    await fresh.getByRole("button", { name: "Create account and join" }).click();
    await expect(fresh.getByText("enter your name")).toBeVisible();
    await expect(fresh.getByText("password must be at least 8 characters")).toBeVisible();
    await checkScreen(fresh, "invitation-accept");
    await fresh.getByLabel("Your name").fill(NEWCOMER.name);
    await fresh.getByLabel("Choose a password").fill(NEWCOMER.password);
    await fresh.getByRole("button", { name: "Create account and join" }).click();
    await expect(fresh).toHaveURL(new RegExp(`/${OWNER.org}$`));
    await expect(fresh.getByRole("button", { name: /Switch organization/ })).toContainText("Team Salon");
    await expect(fresh.getByRole("button", { name: /Switch organization/ })).toContainText(/member/i);
    // Adding webhooks is not a member's next step: the empty Overview says whose it is.
    await expect(fresh.getByText("An owner or admin connects the calendar and adds webhooks.")).toBeVisible();
    await expect(fresh.getByRole("link", { name: "Add a webhook" })).toHaveCount(0);
    await checkScreen(fresh, "dashboard-new-member");

    // A member sees the team, changes nothing, and can only leave.
    await fresh.goto(members);
    await expect(memberRow(fresh, NEWCOMER.name)).toContainText("You");
    await expect(fresh.getByRole("button", { name: "Invite someone" })).toHaveCount(0);
    await expect(fresh.getByRole("combobox")).toHaveCount(0);
    await expect(fresh.getByRole("button", { name: /^Remove / })).toHaveCount(0);
    await expect(fresh.getByRole("heading", { name: "Pending invitations" })).toHaveCount(0);
    await expect(memberRow(fresh, NEWCOMER.name).getByRole("button", { name: "Leave" })).toBeVisible();
    await checkScreen(fresh, "members-as-member");

    // The link worked once.
    await fresh.goto(new URL(link).pathname);
    await expect(fresh.getByRole("heading", { name: "Invitation already used" })).toBeVisible();
    await expect(fresh.getByRole("link", { name: "Go to Team Salon" })).toBeVisible();
    await checkScreen(fresh, "invitation-used");

    // The owner makes them an admin: they may invite now, but not change roles or remove anyone.
    await page.reload();
    await expect(page.getByTestId("invitation-row").filter({ hasText: NEWCOMER.email })).toHaveCount(0);
    await page.getByLabel(`Role of ${NEWCOMER.name}`).selectOption("admin");
    await expect(toast(page, `${NEWCOMER.name} is now an admin`)).toBeVisible();
    await fresh.goto(members);
    await expect(fresh.getByRole("button", { name: /Switch organization/ })).toContainText(/admin/i);
    await expect(fresh.getByRole("button", { name: "Invite someone" })).toBeVisible();
    await expect(fresh.getByRole("combobox")).toHaveCount(0);
    await expect(fresh.getByRole("button", { name: /^Remove / })).toHaveCount(0);

    // The owner removes them: gone from the list, and their dashboard is no longer theirs.
    await memberRow(page, NEWCOMER.name)
      .getByRole("button", { name: `Remove ${NEWCOMER.name}` })
      .click();
    const confirm = page.getByRole("dialog", { name: `Remove ${NEWCOMER.name}?` });
    await checkScreen(page, "remove-member-confirm");
    await confirm.getByRole("button", { name: "Remove member" }).click();
    await expect(memberRow(page, NEWCOMER.name)).toHaveCount(0);
    const after = await fresh.goto(`/${OWNER.org}`);
    expect(after?.status()).toBe(404);
  } finally {
    await invitee.close();
  }
});

test("pending invitations are listed and revoked; a revoked or expired link says so", async ({ page }) => {
  await signIn(page, OWNER);
  await page.goto(members);
  const link = await invite(page, "sam@team-salon.example", "admin");

  const row = page.getByTestId("invitation-row").filter({ hasText: "sam@team-salon.example" });
  await expect(row).toContainText("admin");
  await expect(row).toContainText("Invited by Tara Owner");
  // The expired invitation is no longer pending.
  await expect(page.getByTestId("invitation-row").filter({ hasText: "late@team-salon.example" })).toHaveCount(0);
  await checkScreen(page, "pending-invitations");
  await row.getByRole("button", { name: "Revoke the invitation for sam@team-salon.example" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke invitation" }).click();
  await expect(row).toHaveCount(0);
  await expect(page.getByText("None. Invite someone")).toBeVisible();

  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Invitation withdrawn" })).toBeVisible();
  await expect(page.getByText("This invitation was withdrawn.")).toBeVisible();
  await checkScreen(page, "invitation-revoked");

  await page.goto(expiredLink);
  await expect(page.getByRole("heading", { name: "Invitation expired" })).toBeVisible();
  await expect(page.getByText("This invitation link has expired (links last 7 days).")).toBeVisible();
  await expect(page.getByRole("button", { name: /join/i })).toHaveCount(0);
  await checkScreen(page, "invitation-expired");
});

test("someone with an account signs in from the link and joins with one click; another account cannot use it", async ({
  page,
  browser,
}) => {
  await signIn(page, OWNER);
  await page.goto(members);
  const link = await invite(page, ELSEWHERE.email, "member");

  const context = await browser.newContext();
  try {
    const other = await context.newPage();
    // A forwarded link opened by someone else's account: refused, with the way out.
    await signIn(other, ADMIN);
    await other.goto(link);
    await expect(other.getByText(`You are signed in as ${ADMIN.email}.`)).toBeVisible();
    await expect(other.getByRole("button", { name: "Join" })).toHaveCount(0);
    await checkScreen(other, "invitation-other-account");

    await context.clearCookies();
    await other.goto(link);
    await expect(other.getByText(`You already have an Empfio account as ${ELSEWHERE.email}.`)).toBeVisible();
    await other.getByRole("link", { name: "Sign in to join" }).click();
    await other.getByLabel("Email").fill(ELSEWHERE.email);
    await other.getByLabel("Password").fill(ELSEWHERE.password);
    await other.getByRole("button", { name: "Sign in" }).click();
    await expect(other).toHaveURL(new RegExp(`${link}$`));
    await expect(other.getByRole("heading", { name: "Join Team Salon" })).toBeVisible();
    await checkScreen(other, "invitation-join-existing-account");
    await other.getByRole("button", { name: "Join", exact: true }).click();
    await expect(other).toHaveURL(new RegExp(`/${OWNER.org}$`));
    const switcher = other.getByRole("button", { name: /Switch organization/ });
    await expect(switcher).toContainText("Team Salon");
    await expect(switcher).toContainText(/member/i);
    await switcher.click();
    await expect(other.getByRole("menuitem", { name: "Elsewhere Salon" })).toBeVisible();
  } finally {
    await context.close();
  }
  await page.reload();
  await expect(page.getByLabel("Role of Elsa Elsewhere")).toHaveValue("member");
});

test("an admin invites up to admin: a role above their own is refused with a clear message", async ({ page }) => {
  await signIn(page, ADMIN);
  await page.goto(members);
  await expect(page.getByRole("combobox")).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Remove / })).toHaveCount(0);
  const dialog = await openInviteDialog(page);
  await expect(dialog.getByLabel("Role").locator("option")).toHaveText(["Admin", "Member"]);

  // A tampered or stale form that still offers "owner" gets the server's refusal under the field.
  await dialog.getByLabel("Role").evaluate((select: HTMLSelectElement) => select.add(new Option("Owner", "owner")));
  await dialog.getByLabel("Email").fill("boss@team-salon.example");
  await dialog.getByLabel("Role").selectOption("owner");
  await dialog.getByRole("button", { name: "Create invitation" }).click();
  await expect(dialog.getByText("As an admin you can invite admins and members, not owners.")).toBeVisible();
  await checkScreen(page, "invite-dialog-role-above");
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(page.getByTestId("invitation-row").filter({ hasText: "boss@team-salon.example" })).toHaveCount(0);
  expect(
    await db.invitation.count({ where: { organizationId: organization.id, email: "boss@team-salon.example" } }),
  ).toBe(0);
});
