import "server-only";
import { getEncryptionKey } from "@/lib/config/encryption-key";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { deliverMail } from "@/lib/mail/deliver-mail";
import { mailMessageSchema } from "@/lib/mail/mail-message";
import { inngest } from "../client";
import { MAIL_QUEUED, type MailQueued } from "../mail-queue";

/**
 * Delivers one queued email (lib/mail/send-mail.ts). An SMTP server that refuses or is down is
 * retried with the SDK's backoff (about an hour in all); at most 5 at once, so a burst of alerts
 * does not open dozens of SMTP connections.
 */
export const mailSend = inngest.createFunction(
  {
    id: "mail-send",
    name: "Send an email",
    triggers: [{ event: MAIL_QUEUED }],
    retries: 8,
    concurrency: { limit: 5 },
  },
  async ({ event, step }) => {
    const message = mailMessageSchema.parse(
      JSON.parse(decryptSecret((event.data as MailQueued).sealed, getEncryptionKey())),
    );
    return step.run("deliver", async () => ({ via: await deliverMail(message) }));
  },
);
