import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { ReceivedMail } from "@/test/support/smtp-inbox";

// The e2e run's mail: global-setup.ts starts a real SMTP server on loopback at E2E_SMTP_URL,
// playwright.config.ts gives it to `npm start` as SMTP_URL, and every message it receives is
// appended to MAIL_LOG, which the specs (in other processes) read.
export const E2E_DATA_DIR = process.env.E2E_DATA_DIR ?? "test-results/e2e-data";
const smtpPort = Number(process.env.E2E_SMTP_PORT ?? Number(process.env.E2E_EXECUTOR_PORT ?? 8399) + 2);
export const E2E_SMTP_URL = `smtp://user:pass@127.0.0.1:${smtpPort}`;
export const MAIL_LOG = path.join(E2E_DATA_DIR, "received-mail.jsonl");

/** The messages the e2e SMTP server received for `address`, oldest first. */
export function mailTo(address: string): ReceivedMail[] {
  if (!existsSync(MAIL_LOG)) return [];
  return readFileSync(MAIL_LOG, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as ReceivedMail)
    .filter((m) => m.to.includes(address));
}
