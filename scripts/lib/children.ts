import { spawn, type ChildProcess } from "node:child_process";

/** Child processes that live and die together: one crashing stops the rest. */
export class ChildGroup {
  private children: { name: string; proc: ChildProcess }[] = [];
  private stopping = false;

  constructor(private onCrash: (name: string, code: number | null, signal: NodeJS.Signals | null) => void) {}

  spawn(
    name: string,
    command: string,
    args: string[],
    env: NodeJS.ProcessEnv,
    onLine?: (line: string) => void,
  ): ChildProcess {
    const proc = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    const prefix = `[${name}] `;
    for (const stream of [proc.stdout, proc.stderr]) {
      let buffer = "";
      stream?.setEncoding("utf8");
      stream?.on("data", (chunk: string) => {
        buffer += chunk;
        const lines = buffer.split("\n");
        buffer = lines.pop() ?? "";
        for (const line of lines) {
          (stream === proc.stderr ? process.stderr : process.stdout).write(prefix + line + "\n");
          onLine?.(line);
        }
      });
    }
    proc.on("exit", (code, signal) => {
      this.children = this.children.filter((c) => c.proc !== proc);
      if (!this.stopping) this.onCrash(name, code, signal);
    });
    this.children.push({ name, proc });
    return proc;
  }

  /** SIGTERM to every child at once, for a parent that is exiting and cannot wait for them. */
  signalAll(): void {
    for (const { proc } of this.children) proc.kill("SIGTERM");
  }

  /** SIGTERM to all, newest first (the app before the database); SIGKILL what is left after 8 s. */
  async stopAll(): Promise<void> {
    this.stopping = true;
    for (const { proc } of [...this.children].reverse()) {
      proc.kill("SIGTERM");
      await waitExit(proc, 5000);
    }
    for (const { proc } of this.children) proc.kill("SIGKILL");
  }
}

function waitExit(proc: ChildProcess, ms: number): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    proc.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
