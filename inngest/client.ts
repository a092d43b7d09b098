import "server-only";
import "./plain-process-env";
import { Inngest } from "inngest";

/**
 * The app's Inngest client. Where it sends events and who may call it follow the standard
 * INNGEST_* variables: INNGEST_DEV=<url> for the embedded executor (set by `npm run dev` /
 * `npm start`), or INNGEST_EVENT_KEY + INNGEST_SIGNING_KEY (+ INNGEST_BASE_URL) for a server.
 */
export const inngest = new Inngest({ id: "empfio", fetch: fetchWithTimeout });

/**
 * Every request the client makes (event sends, checkpoints) gives up after
 * INNGEST_REQUEST_TIMEOUT_MS (default 10 s); the SDK then retries a send up to 5 times. Without a
 * limit, a connection that never answers would hold the emitting request, and the hand-overs
 * queued behind it, for minutes; a send that gives up leaves its events to the outbox sweep.
 */
async function fetchWithTimeout(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const ms = Number(process.env.INNGEST_REQUEST_TIMEOUT_MS ?? 10_000);
  const timeout = AbortSignal.timeout(ms);
  try {
    return await fetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout });
  } catch (error) {
    // Worded as undici words a network failure, which the SDK retries without logging it as a
    // misconfigured custom fetch.
    if (timeout.aborted) throw new TypeError(`fetch failed: no answer within ${ms} ms`, { cause: error });
    throw error;
  }
}
