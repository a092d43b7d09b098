// Load shapes and figures shared by the benchmarks.
import { readdirSync, readFileSync } from "node:fs";

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

const USER_HZ = 100; // clock ticks of /proc/<pid>/stat on Linux

/**
 * CPU milliseconds per unit of work that each process spent during `run`, from /proc (Linux):
 * the process tree under `rootPid`, by command line, and the PostgreSQL server (all of its
 * processes, whoever they serve), so a figure shows where a request's cost lands.
 */
export async function cpuPerUnit<T>(
  rootPid: number,
  run: () => Promise<T>,
  units: number,
): Promise<{ result: T; ms: number; byProcess: string }> {
  const sample = () => postgresCpuMs(processTreeCpuMs(rootPid));
  const before = sample();
  const result = await run();
  const after = sample();
  const perUnit = (name: string) => ((after.get(name) ?? 0) - (before.get(name) ?? 0)) / units;
  const names = [...after.keys()].filter((name) => perUnit(name) >= 0.01).sort((a, b) => perUnit(b) - perUnit(a));
  const r = (ms: number) => Math.round(ms * 100) / 100;
  return {
    result,
    ms: r(names.reduce((sum, name) => sum + perUnit(name), 0)),
    byProcess: names.map((name) => `${name} ${r(perUnit(name))}`).join(", "),
  };
}

function cpuMs(pid: number | string): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(") ") + 2).split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / USER_HZ;
}

/** CPU milliseconds of a process and its descendants, by command line. */
function processTreeCpuMs(pid: number, into = new Map<string, number>()): Map<string, number> {
  const comm = readFileSync(`/proc/${pid}/comm`, "utf8").trim();
  const name =
    comm === "node"
      ? nodeProcessName(readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean))
      : comm.replace(/ \(v.*/, "");
  into.set(name, (into.get(name) ?? 0) + cpuMs(pid));
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    for (const child of readFileSync(`/proc/${pid}/task/${tid}/children`, "utf8").split(" ").filter(Boolean))
      processTreeCpuMs(Number(child), into);
  }
  return into;
}

/**
 * A node process by its script and flags: "start.ts start", "bench-delivery.ts --serve-route";
 * an entry point called main.ts by its folder too: "worker/main.ts", "executor/main.ts".
 */
function nodeProcessName(args: string[]): string {
  // The first script that is not a loader (`--import tsx` brings tsx's own preflight script).
  const script = args.findIndex(
    (a, i) =>
      i > 0 && /\.(c|m)?(t|j)s$/.test(a) && !a.includes("node_modules") && !/^--(import|require)$/.test(args[i - 1]),
  );
  if (script < 0) return args.at(-1)!.replace(/.*\//, "");
  return [
    args[script].replace(/.*?([^/]+\/)?([^/]+)$/, (_, dir: string | undefined, file: string) =>
      file === "main.ts" ? (dir ?? "") + file : file,
    ),
    ...args.slice(script + 1).filter((a) => /^[a-z-]+$/.test(a)),
  ].join(" ");
}

/** Adds the CPU of every PostgreSQL process (postmaster, backends, autovacuum, WAL writer) as "postgres". */
function postgresCpuMs(into: Map<string, number>): Map<string, number> {
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, "utf8").trim() === "postgres")
        into.set("postgres", (into.get("postgres") ?? 0) + cpuMs(pid));
    } catch {
      // The process ended between listing and reading.
    }
  }
  return into;
}
