import "server-only";
import "./plain-process-env";
import { Inngest } from "inngest";

/**
 * The app's Inngest client, always in the SDK's signed (cloud) mode, whatever INNGEST_DEV says:
 * the functions' endpoint runs only calls signed with INNGEST_SIGNING_KEY, and events go out with
 * INNGEST_EVENT_KEY to INNGEST_BASE_URL (the embedded executor, a self-hosted Inngest server) or
 * to Inngest Cloud when that is unset. See docs/executor.md.
 */
export const inngest = new Inngest({ id: "empfio", isDev: false, fetch: fetchWithTimeout });

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
