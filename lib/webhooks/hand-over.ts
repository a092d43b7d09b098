import "server-only";
import type { Db } from "@/lib/db/client";
import { logger } from "@/lib/logger";
import { deliveryRuns } from "./delivery-runs";
import { dropLane, unwakeLanes, wakeLanes, type WokenLanes } from "./endpoint-lanes";

type Line = { waiting: { endpointIds: string[]; done: () => void }[]; busy: boolean };
const lines = new WeakMap<Db, Line>();

/**
 * Hands committed pending deliveries to delivery runs: wakes their endpoints' lanes and asks for a
 * run for each lane nobody drains. Under load a run is already draining, and a hand-over costs
 * one statement and no Inngest event at all.
 *
 * Concurrent callers of one process ride together: while one hand-over is in flight, the
 * endpoints of callers arriving meanwhile wait and go in the next, so a burst costs a statement
 * per group, not per request. An idle caller goes at once (no timer). Resolves when the caller's
 * deliveries were handed over, or left to the sweep (which finds due deliveries with no run).
 */
export function handOver(db: Db, endpointIds: string[]): Promise<void> {
  if (endpointIds.length === 0) return Promise.resolve();
  const line = lines.get(db) ?? lines.set(db, { waiting: [], busy: false }).get(db)!;
  return new Promise((done) => {
    line.waiting.push({ endpointIds, done });
    if (!line.busy) void drain(db, line);
  });
}

async function drain(db: Db, line: Line) {
  line.busy = true;
  try {
    while (line.waiting.length > 0) {
      const group = line.waiting.splice(0);
      try {
        await startRuns(db, [...new Set(group.flatMap((w) => w.endpointIds))]);
      } catch (error) {
        logger.warn({ err: (error as Error).message }, HAND_OVER_FAILED);
      } finally {
        for (const w of group) w.done();
      }
    }
  } finally {
    line.busy = false;
  }
}

/** Wakes the endpoints' lanes and requests a run for those nobody holds. */
export async function startRuns(db: Db, endpointIds: string[]): Promise<number> {
  return startWokenRuns(db, await wakeLanes(db, endpointIds));
}

/** Requests a run for each lane a wake took; if that fails, lets them go again (the sweep asks later). */
async function startWokenRuns(db: Db, { token, idle }: WokenLanes): Promise<number> {
  if (idle.length === 0) return 0;
  try {
    await deliveryRuns().start(idle);
  } catch (error) {
    await unwakeLanes(db, token).catch(() => undefined);
    throw error;
  }
  return idle.length;
}

/**
 * The rest of a hand-over whose wake went in the statement that committed the deliveries
 * (`wakeLanesSql`): a run for each lane it took. Resolves when they were requested, or left to the
 * sweep.
 */
export async function finishHandOver(db: Db, woken: WokenLanes): Promise<void> {
  try {
    await startWokenRuns(db, woken);
  } catch (error) {
    logger.warn({ err: (error as Error).message }, HAND_OVER_FAILED);
  }
}

const HAND_OVER_FAILED = "hand-over failed; the delivery sweep will start these deliveries";

/** A run that must stop while its endpoint still has work lets go of the lane and asks for a new run. */
export async function passLane(db: Db, endpointId: string, runId: string): Promise<void> {
  await dropLane(db, runId);
  await startRuns(db, [endpointId]);
}
