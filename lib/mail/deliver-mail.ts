import "server-only";
import { randomBytes } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import nodemailer, { type Transporter } from "nodemailer";
import { logger } from "@/lib/logger";
import type { MailMessage } from "./mail-message";
import { mailboxDir } from "./dev-mailbox";

export const DEFAULT_EMAIL_FROM = "Empfio <no-reply@empfio.localhost>";

let transport: { url: string; transporter: Transporter } | undefined;
let warned = false;

/**
 * Hands one message over: to the SMTP server at SMTP_URL; without one, into the dev mailbox
 * (development and tests) or nowhere (production, where the alerts stay in the app). Throws when
 * the SMTP server refuses or cannot be reached, so the calling function retries.
 */
export async function deliverMail(
  message: MailMessage,
  env: NodeJS.ProcessEnv = process.env,
): Promise<"smtp" | "mailbox" | "dropped"> {
  const from = env.EMAIL_FROM || DEFAULT_EMAIL_FROM;
  if (env.SMTP_URL) {
    if (transport?.url !== env.SMTP_URL) {
      transport = { url: env.SMTP_URL, transporter: nodemailer.createTransport(env.SMTP_URL) };
    }
    await transport.transporter.sendMail({ from, ...message });
    return "smtp";
  }
  if (env.NODE_ENV === "production") {
    if (!warned) logger.warn("SMTP_URL is not set: email is not sent; alerts stay in the app");
    warned = true;
    return "dropped";
  }
  const dir = mailboxDir(env);
  await mkdir(dir, { recursive: true });
  const id = `${new Date().toISOString().replace(/[:.]/g, "-")}-${randomBytes(4).toString("hex")}`;
  await writeFile(`${dir}/${id}.json`, JSON.stringify({ id, from, sentAt: new Date().toISOString(), ...message }), {
    mode: 0o600,
  });
  return "mailbox";
}
