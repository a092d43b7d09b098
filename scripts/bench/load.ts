// Load shapes and figures shared by the benchmarks.

/** Runs `work(0..n-1)` with at most `concurrency` in flight (a closed loop). */
export async function closedLoop(n: number, concurrency: number, work: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) await work(next++);
    }),
  );
}

/**
 * Starts `work(i)` at a fixed rate whatever the answers take (an open loop, as real traffic
 * arrives), catching up on timer drift; resolves when every call has finished.
 */
export async function openLoop(rate: number, seconds: number, work: (i: number) => Promise<unknown>): Promise<void> {
  const total = Math.round(rate * seconds);
  const inFlight: Promise<unknown>[] = [];
  const start = performance.now();
  let started = 0;
  while (started < total) {
    const due = Math.min(total, Math.floor(((performance.now() - start) / 1000) * rate) + 1);
    while (started < due) inFlight.push(work(started++));
    await new Promise((r) => setTimeout(r, 1));
  }
  await Promise.all(inFlight);
}

export type Percentiles = { p50: number; p99: number };

export function percentiles(values: number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;
  return { p50: round(at(0.5)), p99: round(at(0.99)) };
}

const round = (ms: number) => Math.round(ms * 10) / 10;
