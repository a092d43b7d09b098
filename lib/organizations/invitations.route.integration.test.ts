import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { waitUntil } from "@/lib/wait-until";
import { startDeliveryStack } from "@/test/support/delivery-stack";
import { startSmtpInbox } from "@/test/support/smtp-inbox";

// POST /api/v1/invitations over real HTTP with an API key (an admin): the invitation's link is
// emailed through the real mail path (Inngest function → a real SMTP server on loopback) and
// answered once; bad input is a clear 4xx that writes nothing and mails nobody.
const APP_URL = "https://app.empfio.test";
const INVITATIONS = "/api/v1/invitations";
let stack: Awaited<ReturnType<typeof startDeliveryStack>>;
let db: Db;
let smtp: Awaited<ReturnType<typeof startSmtpInbox>>;
let org: Awaited<ReturnType<typeof stack.organization>>;

beforeAll(async () => {
  smtp = await startSmtpInbox();
  stack = await startDeliveryStack({
    routes: async () => ({ [INVITATIONS]: await import("@/app/api/v1/invitations/route") }),
    env: { SMTP_URL: smtp.url, APP_URL },
  });
  db = stack.db;
  org = await stack.organization();
  const { addMember } = await import("./add-member");
  await addMember(db, { organizationId: org.id, email: "here@salon.test", password: "password-123", role: "member" });
});

afterAll(async () => {
  await stack?.stop();
  await smtp?.close();
  delete process.env.SMTP_URL;
  delete process.env.APP_URL;
});

const invite = (body: unknown) => org.call("POST", INVITATIONS, INVITATIONS, body);

describe("POST /api/v1/invitations", () => {
  it("emails the invitee one message with the same single-use link the answer carries", async () => {
    const res = await invite({ email: "New.Dev@Salon.test", role: "admin" });
    expect(res.status).toBe(201);
    const { body } = res;
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
    const list = (await org.call("GET", INVITATIONS, INVITATIONS)).body;
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
      expect({ body, status: res.status, message: res.body.error.message }).toEqual({
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
