import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startExecutor, type RunningExecutor } from "@/inngest/executor/executor";
import type { Db } from "@/lib/db/client";
import { waitUntil } from "@/lib/wait-until";
import { createTestDatabase, type TestDatabase } from "@/test/support/database";
import { freePort } from "@/test/support/free-port";
import { signedInngestEnv, testInngestKeys } from "@/test/support/inngest-keys";
import { hostRoute } from "@/test/support/route-host";
import { startSmtpInbox } from "@/test/support/smtp-inbox";
import { createTestOrganization } from "@/test/support/webhook-fixtures";
import { waitForSync } from "@/test/support/executor-harness";

// POST /api/v1/invitations over real HTTP with an API key (an admin): the invitation's link is
// emailed through the real mail path (Inngest function → a real SMTP server on loopback) and
// answered once; bad input is a clear 4xx that writes nothing and mails nobody.
const APP_URL = "https://app.empfio.test";
let database: TestDatabase;
let db: Db;
let executor: RunningExecutor;
let hosts: { url: string; close: () => Promise<void> }[] = [];
let smtp: Awaited<ReturnType<typeof startSmtpInbox>>;
let api: string;
let org: { id: string; name: string };
let key: string;

beforeAll(async () => {
  database = await createTestDatabase();
  smtp = await startSmtpInbox();
  const [executorPort, appPort] = [await freePort(), await freePort()];
  const keys = testInngestKeys();
  process.env.ENCRYPTION_KEY ??= randomBytes(32).toString("base64");
  Object.assign(process.env, {
    DATABASE_URL: database.url,
    ...signedInngestEnv(keys, executorPort, appPort),
    SMTP_URL: smtp.url,
    APP_URL,
  });
  db = (await import("@/lib/db/client")).getDb();
  const invitations = await import("@/app/api/v1/invitations/route");
  const functions = await (await import("@/inngest/worker/functions-server")).startFunctionsServer(appPort);
  const route = await hostRoute({ GET: invitations.GET, POST: invitations.POST }, "/api/v1/invitations");
  hosts = [functions, route];
  api = route.url;
  executor = await startExecutor({
    databaseUrl: database.url,
    appUrl: functions.url,
    port: executorPort,
    ...keys,
    timeScale: 0.001,
    preparedStatements: !database.embedded,
    log: () => undefined,
  });
  await waitForSync(executor.url);
  const created = await createTestOrganization(db);
  org = { id: created.id, name: created.name };
  const { createApiKey } = await import("@/lib/api-keys/manage-api-keys");
  key = (await createApiKey(db, org.id, { name: "test", scope: "manage" })).key;
  const { addMember } = await import("./add-member");
  await addMember(db, { organizationId: org.id, email: "here@salon.test", password: "password-123", role: "member" });
});

afterAll(async () => {
  await executor?.stop();
  for (const host of hosts) await host.close();
  await smtp?.close();
  await db?.$disconnect();
  await database?.drop();
  delete process.env.SMTP_URL;
  delete process.env.APP_URL;
});

const invite = (body: unknown) =>
  fetch(api, {
    method: "POST",
    headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });

describe("POST /api/v1/invitations", () => {
  it("emails the invitee one message with the same single-use link the answer carries", async () => {
    const res = await invite({ email: "New.Dev@Salon.test", role: "admin" });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toMatchObject({ invitation: { email: "new.dev@salon.test", role: "admin" }, emailed: true });
    expect(body.link).toMatch(new RegExp(`^${APP_URL}/invite/[A-Za-z0-9_-]{43}$`));
    await waitUntil(() => smtp.to("new.dev@salon.test").length === 1, 20_000, "the invitation mail");
    const [mail] = smtp.to("new.dev@salon.test");
    expect(mail.subject).toBe(`An admin invited you to ${org.name} on Empfio`);
    expect(mail.text).toContain(`join ${org.name} on Empfio as an admin`);
    expect(mail.text).toContain(body.link);
    expect(mail.html).toContain(`href="${body.link}"`);
    const token = body.link.split("/").pop();
    const stored = await db.invitation.findFirstOrThrow({ where: { organizationId: org.id } });
    expect(JSON.stringify(stored)).not.toContain(token);
    const list = await (await fetch(api, { headers: { Authorization: `Bearer ${key}` } })).json();
    expect(list.data.map((i: { email: string }) => i.email)).toEqual(["new.dev@salon.test"]);
  });

  it("refuses an invalid email, an existing member and a role above the caller's, writing and mailing nothing", async () => {
    const before = await db.invitation.count();
    const sent = smtp.mails.length;
    const cases: [unknown, number, string][] = [
      [{ email: "not-an-email", role: "member" }, 422, "email: must be a valid email address"],
      [{ email: "x@salon.test", role: "boss" }, 422, "role: role must be owner, admin or member"],
      [{ email: "here@salon.test", role: "member" }, 409, `here@salon.test is already a member of ${org.name}.`],
      [{ email: "boss@salon.test", role: "owner" }, 403, "As an admin you can invite admins and members, not owners."],
    ];
    for (const [body, status, message] of cases) {
      const res = await invite(body);
      expect({ body, status: res.status, message: (await res.json()).error.message }).toEqual({
        body,
        status,
        message,
      });
    }
    expect(await db.invitation.count()).toBe(before);
    await new Promise((r) => setTimeout(r, 1000));
    expect(smtp.mails.length).toBe(sent);
  });
});
