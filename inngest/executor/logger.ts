import type { ExecutorConfig } from "./config";

export type Log = (line: string) => void;

/** Plain lines on stdout: one per step progress, readable in the dev orchestrator's output. */
export function createLog(option: ExecutorConfig["log"]): Log {
  if (typeof option === "function") return option;
  if (!option) return () => undefined;
  return (line) => process.stdout.write(`${line}\n`);
}
