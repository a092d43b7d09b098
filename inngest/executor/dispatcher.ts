import type pg from "pg";
import type { Log } from "./logger";
import { claimKeyed, claimUnkeyed, msUntilNextItem, type ClaimedItem } from "./queue";

/**
 * The claim loop of one process: keeps up to `workers` items in flight, sleeps until a wake
 * (local work, NOTIFY, a finished item) or the next due item, never longer than `maxPollMs`.
 */
export function createDispatcher(deps: {
  db: pg.Pool;
  owner: string;
  workers: number;
  leaseMs: number;
  maxPollMs: number;
  log: Log;
  handle: (item: ClaimedItem) => Promise<void>;
}) {
  const { db, owner, workers, leaseMs, maxPollMs, log } = deps;
  const inflight = new Set<Promise<void>>();
  let running = true;
  let dirty = false;
  let wakeUp: (() => void) | null = null;
  let keyedReady = false;
  let errors = 0;
  let blockedPolls = 0;

  function wake(): void {
    dirty = true;
    wakeUp?.();
  }

  function waitFor(ms: number): Promise<void> {
    if (dirty) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeUp = null;
        resolve();
      }
      wakeUp = done;
    });
  }

  function launch(item: ClaimedItem): void {
    const p = deps
      .handle(item)
      .catch((error: Error) => log(`run ${item.run_id} item ${item.id} crashed in the executor: ${error.message}`))
      .finally(() => {
        inflight.delete(p);
        wake();
      });
    inflight.add(p);
  }

  async function tick(): Promise<number> {
    dirty = false;
    const free = workers - inflight.size;
    if (free <= 0) return maxPollMs;
    // Leave room for keyed items when some wait, so a flood of unkeyed work cannot starve them.
    const unkeyedLimit = keyedReady ? Math.ceil(free / 2) : free;
    const claimed = await claimUnkeyed(db, owner, unkeyedLimit, leaseMs);
    keyedReady = claimed.keyedReady;
    claimed.items.forEach(launch);
    // A claim that took as many as it asked for may have left more: claim again at once. One that
    // took fewer left nothing ready but keys at their limit (a finished item wakes the loop) and
    // items not yet due (the wait below).
    let more = claimed.items.length === unkeyedLimit;
    let count = claimed.items.length;
    const keyedLimit = free - count;
    if (keyedReady && keyedLimit > 0) {
      const keyed = await claimKeyed(db, owner, keyedLimit, leaseMs);
      keyed.forEach(launch);
      more ||= keyed.length === keyedLimit;
      count += keyed.length;
    }
    if (count > 0) blockedPolls = 0;
    if (more && workers - inflight.size > 0) return 0;
    if (workers - inflight.size <= 0) return maxPollMs;
    const next = await msUntilNextItem(db);
    if (next === undefined) return maxPollMs;
    if (next > 0) return Math.min(Math.ceil(next), maxPollMs);
    // Items are due that no claim could take: keys at their limit (a backlog behind a hanging
    // endpoint) or another process's. A finished item wakes the loop; meanwhile poll, backing off
    // from 20 ms to maxPollMs while nothing can be taken, instead of three statements every 20 ms.
    const wait = Math.min(20 * 2 ** blockedPolls, maxPollMs);
    blockedPolls = Math.min(blockedPolls + 1, 8);
    return wait;
  }

  async function loop(): Promise<void> {
    while (running) {
      let wait: number;
      try {
        wait = await tick();
        errors = 0;
      } catch (error) {
        errors++;
        if (errors === 1 || errors % 50 === 0) log(`queue poll failed (${errors}x): ${(error as Error).message}`);
        wait = Math.min(100 * errors, 2_000);
      }
      if (wait > 0 && running) await waitFor(wait);
    }
  }

  const done = loop();
  return {
    wake,
    get inflight() {
      return inflight.size;
    },
    /** Stops claiming and waits (bounded) for calls in flight to finish and persist. */
    async stop(graceMs: number): Promise<void> {
      running = false;
      wake();
      await done;
      await Promise.race([Promise.allSettled([...inflight]), new Promise((r) => setTimeout(r, graceMs))]);
    },
  };
}
