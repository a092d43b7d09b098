import "server-only";
import type { Db } from "@/lib/db/client";
import {
  claimDueDeliveries,
  failDeliveriesOfDisabledEndpoint,
  type ClaimedDelivery,
  type EndpointState,
} from "./claim-deliveries";
import { decideAttempt } from "./delivery-decision";
import { deliveryTimeoutMs, retrySchedule, withJitter } from "./delivery-settings";
import { openHeaders } from "./endpoint-headers";
import { signingSecrets } from "./endpoint-secrets";
import { acquireLane, laneWakes, releaseLane, reserveSendSlots } from "./endpoint-lanes";
import { recordAttempts, type AttemptRecord } from "./record-attempts";
import { sendTracedAttempt } from "./send-traced-attempt";

/** Requests in flight to one endpoint at once: a hanging endpoint ties up no more sockets than this. */
export const PER_ENDPOINT_CONCURRENCY = 10;
const WINDOW = PER_ENDPOINT_CONCURRENCY;

export type DrainOptions = {
  /** Stop claiming after this long, so a step stays short and a run can hand its slot on. */
  budgetMs: number;
  /** After catching up, keep the lane this long for deliveries arriving meanwhile (0: let go at once). */
  lingerMs: number;
};

export const DEFAULT_DRAIN_OPTIONS: DrainOptions = { budgetMs: 5_000, lingerMs: 250 };

export type DrainResult =
  /** Another run drains this endpoint (or it no longer exists). */
  | { outcome: "busy"; attempts: number }
  /** The budget ran out with work left: call again. */
  | { outcome: "more"; attempts: number }
  /** Nothing due and the lane let go; `wakeAt`: when this run should wake for the next retry. */
  | { outcome: "idle"; attempts: number; wakeAt: string | null };

/**
 * One step of a delivery run: drains an endpoint's due deliveries for up to `budgetMs`, with at
 * most PER_ENDPOINT_CONCURRENCY requests in flight. Deliveries are claimed in batches (a window
 * in flight and up to another waiting) and finished attempts recorded in batches, in the
 * background while the next requests go out. Safe to run again after a crash: what was recorded
 * is no longer due, and what was claimed but not recorded stays leased (so it is not sent
 * again) until its lease lapses, when it is due again.
 */
export async function drainEndpoint(
  db: Db,
  input: { endpointId: string; runId: string; dueBy: Date | null },
  options: DrainOptions = DEFAULT_DRAIN_OPTIONS,
): Promise<DrainResult> {
  const leaseMs = deliveryTimeoutMs() + 30_000;
  const acquired = await acquireLane(db, input.endpointId, input.runId, leaseMs);
  if (acquired === null) return { outcome: "busy", attempts: 0 };
  const schedule = retrySchedule();
  const deadline = Date.now() + options.budgetMs;
  // Each with the time it may leave (its send slot on a rate-limited endpoint, else 0).
  const queued: (ClaimedDelivery & { sendAt: number })[] = [];
  // The end of the slots this run reserved: it claims more only when they run out within a second.
  let pacedUntil = 0;
  const inflight = new Set<Promise<void>>();
  let finished: AttemptRecord[] = [];
  let recording: Promise<void> = Promise.resolve();
  let endpoint: EndpointState | null = null;
  let secrets: ReturnType<typeof signingSecrets> | null = null;
  let headers: Record<string, string> = {};
  let seenWakes = acquired;
  // The endpoint's count of consecutive failed deliveries as last seen: 0 lets a batch of
  // successes skip the endpoint's row (see recordAttempts); when in doubt, the higher count.
  let knownFailures = 0;
  let fatal: unknown = null;
  let caughtUp = false;
  let attempts = 0;

  /** Records what finished, after what is already being recorded (one statement per batch). */
  function record(): void {
    if (finished.length === 0 || !endpoint) return;
    const batch = finished;
    finished = [];
    recording = recording.then(async () => {
      const recorded = await recordAttempts(db, input.endpointId, knownFailures, batch).catch((error: unknown) => {
        fatal ??= error;
        return null;
      });
      if (!recorded?.health) return;
      knownFailures = recorded.health.after.consecutiveFailures;
      // Disabled by these attempts (410, too many failures): what waits here is not sent.
      if (!recorded.health.after.enabled) queued.length = 0;
    });
  }

  async function recorded(): Promise<void> {
    record();
    await recording;
    if (fatal) throw fatal;
  }

  function start(delivery: ClaimedDelivery, target: EndpointState): void {
    const task = sendTracedAttempt(target.id, target.url, secrets!, delivery, headers)
      .then((result) => {
        attempts++;
        finished.push({
          deliveryId: delivery.id,
          attemptNumber: delivery.attemptNumber,
          trigger: "scheduled",
          url: target.url,
          result,
          decision: decideAttempt({
            trigger: "scheduled",
            scheduledAttemptsBefore: delivery.scheduledAttempts,
            result: { ok: result.ok, status: result.status ?? null },
            schedule,
            jitter: withJitter,
          }),
        });
      })
      // A bug here must fail the step (to be retried), after the other requests in flight end.
      .catch((error: unknown) => void (fatal ??= error))
      .finally(() => inflight.delete(task));
    inflight.add(task);
  }

  /**
   * Claimed deliveries with the time each may leave: at once, or on a rate-limited endpoint one
   * per 1/perSecond s from the slots reserved on the lane (which outlive this run, so the next
   * run does not burst past the limit either).
   */
  async function paced(deliveries: ClaimedDelivery[], perSecond: number | null) {
    if (!perSecond || deliveries.length === 0) return deliveries.map((d) => ({ ...d, sendAt: 0 }));
    const firstInMs = await reserveSendSlots(db, input.endpointId, input.runId, deliveries.length, perSecond);
    const first = Date.now() + Math.max(0, firstInMs ?? 0);
    pacedUntil = first + (deliveries.length * 1000) / perSecond;
    return deliveries.map((d, i) => ({ ...d, sendAt: first + (i * 1000) / perSecond }));
  }

  async function settle(): Promise<void> {
    await Promise.all(inflight);
    await recorded();
  }

  for (;;) {
    while (queued.length > 0 && inflight.size < WINDOW && queued[0].sendAt <= Date.now())
      start(queued.shift()!, endpoint!);
    if (fatal) {
      await Promise.allSettled(inflight);
      throw fatal;
    }
    if (!caughtUp && queued.length < WINDOW / 2 && Date.now() < deadline && pacedUntil - Date.now() <= 1000) {
      // Requests in flight go on meanwhile; what waits is enough to keep the window full.
      const room = 2 * WINDOW - inflight.size - queued.length;
      const claim = await claimDueDeliveries(db, { ...input, limit: room, leaseMs, laneLeaseMs: leaseMs });
      if (claim.wakes === null || !claim.endpoint) {
        // The lane was taken over (this run stalled past its lease) or the endpoint is gone.
        await settle();
        return { outcome: "busy", attempts };
      }
      seenWakes = claim.wakes;
      if (!claim.endpoint.enabled) {
        await settle();
        await failDeliveriesOfDisabledEndpoint(db, claim.endpoint.id, input.runId, claim.endpoint.disabledReason);
        caughtUp = true;
        continue;
      }
      if (claim.endpoint.secretEncrypted !== endpoint?.secretEncrypted) secrets = signingSecrets(claim.endpoint);
      if (JSON.stringify(claim.endpoint.customHeaders) !== JSON.stringify(endpoint?.customHeaders))
        headers = openHeaders(claim.endpoint.customHeaders);
      knownFailures = Math.max(knownFailures, claim.endpoint.consecutiveFailures);
      endpoint = claim.endpoint;
      const perSecond = claim.endpoint.rateLimitPerSecond;
      queued.push(...(await paced(claim.deliveries, perSecond)));
      caughtUp = claim.deliveries.length < Math.min(room, perSecond ?? room);
      continue;
    }
    // Waiting for a send slot: the next delivery's, when the window has room for it.
    const slotIn = queued.length > 0 && inflight.size < WINDOW ? queued[0].sendAt - Date.now() : null;
    if (inflight.size > 0) {
      await Promise.race(slotIn === null ? inflight : [...inflight, sleep(slotIn)]);
      if (finished.length >= WINDOW || slotIn !== null) record();
      continue;
    }
    if (queued.length > 0) {
      record();
      if (slotIn !== null && slotIn > 0) await sleep(slotIn);
      continue;
    }
    await recorded();
    if (!caughtUp) {
      if (Date.now() >= deadline) return { outcome: "more", attempts };
      continue;
    }
    // Caught up. A run that had new work lingers a moment for deliveries arriving meanwhile,
    // which is what lets a burst ride one run instead of starting one per delivery. (Not one
    // woken for retries: new deliveries are not what it was doing.)
    if (
      attempts > 0 &&
      !input.dueBy &&
      (await newWakes(db, input, seenWakes, Math.min(options.lingerMs, deadline - Date.now())))
    ) {
      caughtUp = false;
      continue;
    }
    const released = await releaseLane(db, input.endpointId, input.runId, seenWakes, input.dueBy);
    if (released.released) {
      const wakeAt = released.sleep && released.nextDueAt ? released.nextDueAt.toISOString() : null;
      return { outcome: "idle", attempts, wakeAt };
    }
    // Wakes moved since the last claim: deliveries committed meanwhile are due.
    if (Date.now() >= deadline) return { outcome: "more", attempts };
    caughtUp = false;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, Math.max(0, ms)));
}

/** Whether the lane's wakes move past `seen` within `lingerMs` (looked at at once, then every 20 ms). */
async function newWakes(
  db: Db,
  input: { endpointId: string; runId: string },
  seen: bigint,
  lingerMs: number,
): Promise<boolean> {
  const until = Date.now() + lingerMs;
  for (;;) {
    const wakes = await laneWakes(db, input.endpointId, input.runId);
    if (wakes === null) return false;
    if (wakes !== seen) return true;
    if (Date.now() + 20 > until) return false;
    await sleep(20);
  }
}
