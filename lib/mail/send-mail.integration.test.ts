import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitUntil } from "@/lib/wait-until";
import { startDeliveryStack } from "@/test/support/delivery-stack";
import { startSmtpInbox } from "@/test/support/smtp-inbox";

// sendMail → Inngest (the worker's real functions server, our executor) → mail-send → a real SMTP server on loopback.
let stack: Awaited<ReturnType<typeof startDeliveryStack>>;
let smtp: Awaited<ReturnType<typeof startSmtpInbox>>;
let refuse = 0;
const DEFAULT_FROM = "Empfio <no-reply@empfio.localhost>";

beforeAll(async () => {
  smtp = await startSmtpInbox({ refuse: () => refuse-- > 0 });
  stack = await startDeliveryStack({ env: { SMTP_URL: smtp.url, EMAIL_FROM: "Empfio Alerts <alerts@empfio.test>" } });
});

afterAll(async () => {
  await stack?.stop();
  await smtp?.close();
  delete process.env.SMTP_URL;
  delete process.env.EMAIL_FROM;
});

describe("sendMail", () => {
  it("delivers plain text and HTML over SMTP from EMAIL_FROM", async () => {
    const { sendMail } = await import("./send-mail");
    await sendMail({ to: "owner@salon.test", subject: "Hello", text: "Plain body", html: "<p>HTML body</p>" });
    await waitUntil(() => smtp.to("owner@salon.test").length === 1, 15_000, "the mail");
    const [mail] = smtp.to("owner@salon.test");
    expect(mail.subject).toBe("Hello");
    expect(mail.from).toMatch(/Empfio Alerts.*<alerts@empfio\.test>/);
    expect(mail.text.trim()).toBe("Plain body");
    expect(mail.html).toContain("<p>HTML body</p>");
  });

  it("retries when the SMTP server refuses, and delivers once", async () => {
    const { sendMail } = await import("./send-mail");
    refuse = 2;
    await sendMail({ to: "retry@salon.test", subject: "Retried", text: "t", html: "<p>t</p>" });
    await waitUntil(() => smtp.to("retry@salon.test").length === 1, 30_000, "the retried mail");
    expect(refuse).toBeLessThanOrEqual(0);
    expect(smtp.to("retry@salon.test")).toHaveLength(1);
  });

  it("refuses a message without a valid recipient, queuing nothing", async () => {
    const { sendMail } = await import("./send-mail");
    await expect(sendMail({ to: "not-an-address", subject: "x", text: "t", html: "t" })).rejects.toThrow();
  });
});

describe("without SMTP_URL", () => {
  const message = { to: "dev@salon.test", subject: "Kept", text: "Plain", html: "<p>HTML</p>" };

  it("keeps mail in the dev mailbox under EMPFIO_DATA_DIR", async () => {
    const { deliverMail } = await import("./deliver-mail");
    const { listMailbox } = await import("./dev-mailbox");
    const env = { NODE_ENV: "development" as const, EMPFIO_DATA_DIR: await mkdtemp(path.join(tmpdir(), "mailbox-")) };
    expect(await deliverMail(message, env)).toBe("mailbox");
    expect(await listMailbox(10, env)).toEqual([expect.objectContaining({ ...message, from: DEFAULT_FROM })]);
  });

  it("sends nothing in production (the alerts stay in the app)", async () => {
    const { deliverMail } = await import("./deliver-mail");
    const { listMailbox } = await import("./dev-mailbox");
    const env = { NODE_ENV: "production" as const, EMPFIO_DATA_DIR: await mkdtemp(path.join(tmpdir(), "mailbox-")) };
    expect(await deliverMail(message, env)).toBe("dropped");
    expect(await listMailbox(10, env)).toEqual([]);
  });
});
