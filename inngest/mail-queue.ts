import "server-only";
import { getEncryptionKey } from "@/lib/config/encryption-key";
import { encryptSecret } from "@/lib/crypto/secret-box";
import type { MailQueue } from "@/lib/mail/mail-queue";
import { inngest } from "./client";

/** One message for `mail-send` (inngest/functions/mail-send.ts), sealed with ENCRYPTION_KEY. */
export const MAIL_QUEUED = "empfio/mail.queued";
export type MailQueued = { sealed: string };

export const inngestMailQueue: MailQueue = {
  async enqueue(messages) {
    const key = getEncryptionKey();
    await inngest.send(
      messages.map((m) => ({
        name: MAIL_QUEUED,
        data: { sealed: encryptSecret(JSON.stringify(m), key) } satisfies MailQueued,
      })),
    );
  },
};
