import { installMailQueue } from "@/lib/mail/mail-queue";

/** Makes this process's `sendMail` queue through Inngest; the client is loaded on first use. */
export function installInngestMailQueue(): void {
  installMailQueue({ enqueue: async (messages) => (await import("./mail-queue")).inngestMailQueue.enqueue(messages) });
}
