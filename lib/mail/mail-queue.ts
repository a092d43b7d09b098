import type { MailMessage } from "./mail-message";

/**
 * The port through which the domain queues mail, without knowing what sends it.
 * `inngest/mail-queue.ts` implements it with a retried Inngest function; each process that queues
 * mail (the web app, the functions' route, tests) installs it at start-up.
 */
export type MailQueue = {
  /** Resolves once the messages are durably queued; rejects if they were not. */
  enqueue(messages: MailMessage[]): Promise<void>;
};

// On globalThis: Next.js bundles route handlers and instrumentation separately (as delivery-runs.ts).
const KEY = Symbol.for("empfio.mailQueue");
type Holder = { [KEY]?: MailQueue };

export function installMailQueue(queue: MailQueue): void {
  (globalThis as Holder)[KEY] = queue;
}

export function mailQueue(): MailQueue {
  const queue = (globalThis as Holder)[KEY];
  if (!queue) throw new Error("no mail queue is installed in this process (installMailQueue)");
  return queue;
}
