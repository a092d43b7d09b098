import { createHmac, randomBytes } from "node:crypto";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { fixtureJson } from "@/test/support/load-fixture";
import { startReceiver } from "@/test/support/receiver";
import { checkScreen, expectNotFound, MEMBER, onPhoneInDarkMode, OUTSIDER, OWNER, signIn } from "./fixtures";

// Inbound integrations as an owner sets them up in the dashboard, with real signed requests from
// "Varda" and "Cal.com" (this test process) to the production server, and the outbound event a
// dashboard action causes arriving at a loopback receiver.
const integrations = `/${OWNER.org}/settings/integrations`;
const H = { "X-Empfio-Organization": OWNER.org };
const stamp = Date.now().toString(36);

/** Varda's X-Varda-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">. */
function vardaSignature(secret: string, body: string): string {
  const t = Math.floor(Date.now() / 1000);
  return `t=${t},v1=${createHmac("sha256", secret).update(`${t}.${body}`).digest("hex")}`;
}

async function postVarda(request: APIRequestContext, url: string, secret: string, payload: unknown) {
  const body = JSON.stringify(payload);
  return request.post(url, {
    headers: { "Content-Type": "application/json", "X-Varda-Signature": vardaSignature(secret, body) },
    data: body,
  });
}

function connection(page: Page, provider: string, name: string) {
  return page.getByRole("article", { name: `${provider} connection ${name}` });
}

/** Creates a connection through the dialog and returns the dialog showing the result. */
async function createInDialog(
  page: Page,
  provider: "Cal.com" | "Varda" | "Brevo",
  name: string,
  fill?: (dialog: ReturnType<Page["getByRole"]>) => Promise<void>,
) {
  await page.getByRole("button", { name: `Connect ${provider}` }).click();
  const form = page.getByRole("dialog", { name: `Connect ${provider}` });
  await expect(form.getByText(`How to connect ${provider}`)).toBeVisible();
  await form.getByLabel("Name (optional)").fill(name);
  await fill?.(form);
  await form.getByRole("button", { name: "Create connection" }).click();
  const done = page.getByRole("dialog", { name: `${provider} connected` });
  await expect(done).toBeVisible();
  return done;
}

test.describe.configure({ mode: "serial" });

const varda = { name: `Varda ${stamp}`, secret: `whsec_varda_${randomBytes(18).toString("hex")}`, url: "" };
const lead = {
  name: `Varda Caller ${stamp}`,
  phone: `+1800${Date.now().toString().slice(-7)}`,
  contactId: 700_000 + Math.floor(Math.random() * 100_000),
};

test("an owner connects Varda with its secret; a signed call.outcome_tagged moves the lead to booked", async ({
  page,
  request,
}) => {
  await signIn(page, OWNER);
  await page.goto(integrations);
  await expect(page.getByRole("heading", { name: "Connections" })).toBeVisible();

  const created = await createInDialog(page, "Varda", varda.name, async (form) => {
    await expect(form.getByRole("button", { name: "Create connection" })).toBeDisabled();
    await form.getByLabel("Signing secret from Varda").fill(varda.secret);
    await checkScreen(page, "connection-varda-form");
  });
  varda.url = (await created.locator("dd code").first().textContent()) ?? "";
  expect(varda.url).toMatch(/\/api\/v1\/webhooks\/varda\/[0-9a-f-]{36}$/);
  // Varda's secret is the owner's own: nothing is generated, so nothing is shown back.
  await expect(created.getByTestId("one-time-secret")).toHaveCount(0);
  await expect(created.getByRole("button", { name: "Copy Webhook URL" })).toBeVisible();
  await checkScreen(page, "connection-varda-created");
  await created.getByRole("button", { name: "Done" }).click();
  await expect(connection(page, "Varda", varda.name)).toContainText(varda.url);

  // Varda reports the caller as a contact first: that makes the lead.
  const contact = { id: lead.contactId, name: lead.name, phone: lead.phone };
  const now = new Date().toISOString();
  const contactEvent = await postVarda(request, varda.url, varda.secret, {
    event: "contact.created",
    timestamp: now,
    data: { ...contact, created_at: now, updated_at: now },
  });
  expect(await contactEvent.json()).toMatchObject({ status: "processed" });
  await page.goto(`/${OWNER.org}/leads`);
  await expect(page.getByLabel(`Status of ${lead.name}`)).toHaveValue("new");

  // The seed's call.outcome_tagged for this contact; first signed with the wrong secret (refused), then properly.
  const seed = fixtureJson<{ event: string; timestamp: string; data: Record<string, unknown> }>(
    "varda-call-outcome-tagged.json",
  );
  const outcome = {
    ...seed,
    timestamp: new Date().toISOString(),
    data: {
      ...seed.data,
      id: lead.contactId + 1,
      call_session_id: lead.contactId + 2,
      outcome_type: "booked",
      contact,
    },
  };
  const forged = await postVarda(request, varda.url, "not-the-secret", outcome);
  expect(forged.status()).toBe(401);
  const tagged = await postVarda(request, varda.url, varda.secret, outcome);
  expect(tagged.status()).toBe(200);
  expect(await tagged.json()).toMatchObject({ status: "processed" });

  await page.reload();
  await expect(page.getByLabel(`Status of ${lead.name}`)).toHaveValue("booked");
  await checkScreen(page, "leads-booked-by-varda");

  await page.goto(integrations);
  const item = connection(page, "Varda", varda.name);
  await expect(item).not.toContainText("Last received: never");
  await item.getByRole("button", { name: "Recent requests" }).click();
  const rows = item.getByTestId("inbound-row");
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toHaveAttribute("data-outcome", "processed");
  await expect(rows.nth(0)).toContainText("call.outcome_tagged");
  await expect(rows.nth(0)).toContainText("Verified");
  await expect(rows.nth(1)).toHaveAttribute("data-outcome", "rejected");
  await expect(rows.nth(1)).toContainText("X-Varda-Signature does not match");
  await expect(rows.nth(2)).toContainText("contact.created");
  await checkScreen(page, "connection-recent-requests");

  await item.getByRole("link", { name: "All requests to this connection" }).click();
  await expect(page.getByRole("heading", { name: "Inbound log" })).toBeVisible();
  await expect(page.getByLabel("Connection", { exact: true })).toHaveValue(/[0-9a-f-]{36}/);
  const processed = page
    .getByTestId("inbound-row")
    .filter({ hasText: "call.outcome_tagged" })
    .filter({ hasText: "Processed" });
  await expect(processed.getByRole("link", { name: "Lead", exact: true })).toHaveAttribute(
    "href",
    `/${OWNER.org}/leads`,
  );
  await expect(processed.getByRole("listitem").filter({ hasText: "lead.status_changed" })).toBeVisible();
  await page.getByLabel("Outcome").selectOption("rejected");
  await expect(page).toHaveURL(/outcome=rejected/);
  await expect(page.getByTestId("inbound-row")).toHaveCount(1);
  await expect(page.getByTestId("inbound-row")).toHaveAttribute("data-outcome", "rejected");
  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(page.getByTestId("inbound-row").first()).toBeVisible();
  await checkScreen(page, "inbound-log");
});

test("Cal.com and Brevo connections show their generated credentials once; deleting works", async ({ page }) => {
  await signIn(page, OWNER);
  await page.goto(integrations);
  const secrets: string[] = [];

  const cal = await createInDialog(page, "Cal.com", `Cal.com ${stamp}`);
  await expect(cal.getByTestId("one-time-secret")).toHaveText(/^whsec_/);
  await expect(cal.getByText(/you won't see it again/)).toBeVisible();
  await expect(cal.locator("dd code").first()).toHaveText(/\/api\/v1\/webhooks\/calcom\/[0-9a-f-]{36}$/);
  secrets.push((await cal.getByTestId("one-time-secret").textContent()) ?? "");
  await checkScreen(page, "connection-calcom-created");
  await cal.getByRole("button", { name: "Done" }).click();

  const bearer = await createInDialog(page, "Brevo", `Brevo token ${stamp}`);
  await expect(bearer.getByText("Bearer token", { exact: true })).toBeVisible();
  for (const kind of ["meeting-booked", "meeting-started", "meeting-cancelled", "call-finished"]) {
    await expect(bearer.locator("dd code").filter({ hasText: new RegExp(`/${kind}$`) })).toHaveCount(1);
  }
  secrets.push((await bearer.getByTestId("one-time-secret").textContent()) ?? "");
  await checkScreen(page, "connection-brevo-bearer-created");
  await bearer.getByRole("button", { name: "Done" }).click();

  const basic = await createInDialog(page, "Brevo", `Brevo basic ${stamp}`, (form) =>
    form.getByRole("radio", { name: /Basic auth/ }).check(),
  );
  await expect(basic.getByText("Username", { exact: true })).toBeVisible();
  await expect(basic.getByRole("button", { name: "Copy username" })).toBeVisible();
  secrets.push((await basic.getByTestId("one-time-secret").textContent()) ?? "");
  await checkScreen(page, "connection-brevo-basic-created");
  await basic.getByRole("button", { name: "Done" }).click();

  expect(secrets.every((s) => s.length >= 20)).toBe(true);
  await page.reload();
  await expect(connection(page, "Brevo", `Brevo basic ${stamp}`)).toContainText("Basic auth");
  await expect(connection(page, "Brevo", `Brevo token ${stamp}`)).toContainText("Bearer token");
  await expect(page.getByTestId("one-time-secret")).toHaveCount(0);
  const html = await page.content();
  for (const s of secrets) expect(html).not.toContain(s);
  await checkScreen(page, "integrations-connections");

  const toDelete = [
    ["Cal.com", `Cal.com ${stamp}`],
    ["Brevo", `Brevo token ${stamp}`],
    ["Brevo", `Brevo basic ${stamp}`],
  ] as const;
  for (const [provider, name] of toDelete) {
    await connection(page, provider, name)
      .getByRole("button", { name: `Delete ${name}` })
      .click();
    const confirm = page.getByRole("dialog", { name: `Delete “${name}”?` });
    if (provider === "Cal.com") await checkScreen(page, "connection-delete-confirm");
    await confirm.getByRole("button", { name: "Delete connection" }).click();
    await expect(confirm).toHaveCount(0);
    await expect(connection(page, provider, name)).toHaveCount(0);
  }
  await page.reload();
  await expect(connection(page, "Varda", varda.name)).toBeVisible();
  for (const [provider, name] of toDelete) await expect(connection(page, provider, name)).toHaveCount(0);
});

test("cancelling a booking in the dashboard delivers booking.cancelled with the seed's data shape", async ({
  page,
  request,
}) => {
  const receiver = await startReceiver();
  try {
    await signIn(page, OWNER);
    const api = page.request;
    const me = await (await api.get("/api/v1/me", { headers: H })).json();
    const endpoint = await api.post("/api/v1/webhook-endpoints", {
      headers: H,
      data: { url: receiver.url, description: "booking.cancelled receiver", event_types: ["booking.cancelled"] },
    });
    expect(endpoint.status()).toBe(201);

    // A booking made in Cal.com, through a Cal.com connection and signed with its secret.
    const created = await api.post("/api/v1/integrations/connections", {
      headers: H,
      data: { provider: "calcom", name: `Cal.com bookings ${stamp}` },
    });
    expect(created.status()).toBe(201);
    const cal = await created.json();
    const attendee = `Cal Guest ${stamp}`;
    const seed = fixtureJson<{ payload: Record<string, unknown> }>("calcom-booking-created.json");
    const body = JSON.stringify({
      ...seed,
      payload: {
        ...seed.payload,
        title: `Colour ${stamp} between Salon Owner and ${attendee}`,
        attendees: [
          {
            email: `guest-${stamp}@example.com`,
            name: attendee,
            timeZone: "Europe/Berlin",
            language: { locale: "en" },
          },
        ],
        uid: `e2e-${stamp}`,
        bookingId: Number.parseInt(stamp.slice(-5), 36),
        metadata: {},
      },
    });
    const signature = createHmac("sha256", cal.credentials.signing_secret).update(body).digest("hex");
    const booked = await request.post(cal.webhook_url, {
      headers: { "Content-Type": "application/json", "X-Cal-Signature-256": signature },
      data: body,
    });
    expect(booked.status()).toBe(200);
    const { booking_id: bookingId, lead_id: leadId } = await booked.json();

    await page.goto(`/${OWNER.org}/bookings`);
    const row = page.getByTestId("booking-row").filter({ hasText: attendee });
    await expect(row).toContainText(`Colour ${stamp}`);
    await row.getByRole("button", { name: /^Cancel / }).click();
    const confirm = page.getByRole("alertdialog", { name: "Cancel this booking?" });
    await checkScreen(page, "booking-cancel-confirm");
    await confirm.getByRole("button", { name: "Cancel booking" }).click();
    await expect(row).toContainText("cancelled");
    await expect(row.getByRole("button", { name: /^Cancel / })).toHaveCount(0);

    const delivered = () =>
      receiver.received
        .map((r) => JSON.parse(r.body))
        .find((e) => e.event === "booking.cancelled" && e.data.id === bookingId);
    await expect.poll(delivered, { timeout: 30_000 }).toBeTruthy();
    const event = delivered();
    expect(Object.keys(event).sort()).toEqual(["data", "event", "organization_id", "timestamp"]);
    expect(event.organization_id).toBe(me.organization.id);
    expect(Object.keys(event.data).sort()).toEqual(["cancelled_at", "end_time", "id", "lead_id", "start_time"]);
    expect(event.data).toMatchObject({ id: bookingId, lead_id: leadId });
    expect(new Date(event.data.start_time).toISOString()).toBe("2026-03-20T14:00:00.000Z");
    expect(new Date(event.data.end_time).toISOString()).toBe("2026-03-20T14:30:00.000Z");
    expect(Date.now() - new Date(event.data.cancelled_at).getTime()).toBeLessThan(120_000);
    await checkScreen(page, "bookings-cancelled");
  } finally {
    await receiver.close();
  }
});

test("a member sees connections and the inbound log but cannot change them; outsiders get 404", async ({ page }) => {
  await signIn(page, MEMBER);
  const me = page.waitForResponse((r) => r.url().endsWith("/api/v1/me") && r.ok());
  await page.goto(integrations);
  await me;
  await expect(connection(page, "Varda", varda.name)).toBeVisible();
  await expect(page.getByText("Your role can see connections but not add or delete them.")).toBeVisible();
  await expect(page.getByRole("button", { name: /^Connect / })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Delete / })).toHaveCount(0);
  await checkScreen(page, "integrations-member");
  await page.getByRole("link", { name: "Open inbound log" }).click();
  await expect(page.getByTestId("inbound-row").first()).toBeVisible();

  await page.context().clearCookies();
  await signIn(page, OUTSIDER);
  await expectNotFound(page, [integrations, `${integrations}/inbound`]);
});

test("the integrations page and the inbound log work on a phone in dark mode", async ({ browser }) => {
  await onPhoneInDarkMode(browser, OWNER, async (page) => {
    await page.goto(integrations);
    await connection(page, "Varda", varda.name).getByRole("button", { name: "Recent requests" }).click();
    await expect(page.getByTestId("inbound-row").first()).toBeVisible();
    await checkScreen(page, "integrations-phone-dark");
    await page.getByRole("button", { name: "Connect Brevo" }).click();
    await expect(page.getByRole("dialog", { name: "Connect Brevo" })).toBeVisible();
    await checkScreen(page, "connection-brevo-form-phone-dark");
    await page.keyboard.press("Escape");
    await expect(page.getByRole("dialog")).toHaveCount(0);
    await page.goto(`${integrations}/inbound`);
    await expect(page.getByTestId("inbound-row").first()).toBeVisible();
    await checkScreen(page, "inbound-log-phone-dark");
  });
});
