import "server-only";
import { mailMessageSchema, type MailMessage } from "./mail-message";
import { mailQueue } from "./mail-queue";

/**
 * Sends email, durably and off the request's path: the messages are handed to the `mail-send`
 * Inngest function (inngest/functions/mail-send.ts), which delivers each one over SMTP
 * (`SMTP_URL`, from `EMAIL_FROM`) with retries, or keeps it in the dev mailbox when `SMTP_URL` is
 * unset under `npm run dev` (`/dev/mailbox`). Their content travels sealed with ENCRYPTION_KEY, so a
 * link with a token (an invitation) is not stored in plaintext in the executor's event log.
 *
 *   await sendMail({ to, subject, text, html });        // after your transaction commits
 *   const link = appUrl(`/${orgSlug}/settings/members`); // links in bodies: lib/mail/app-url.ts
 *
 * Resolves once queued; rejects when the queue (Inngest) is unreachable, so the caller can say so.
 */
export async function sendMail(messages: MailMessage | MailMessage[]): Promise<void> {
  const list = (Array.isArray(messages) ? messages : [messages]).map((m) => mailMessageSchema.parse(m));
  if (list.length) await mailQueue().enqueue(list);
}
