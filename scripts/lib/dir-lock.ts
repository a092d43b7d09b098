import { closeSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import path from "node:path";

/** An exclusive, pid-stamped lock file; a lock left by a dead process is taken over. */
export function acquireDirLock(dir: string): { ok: true; release: () => void } | { ok: false; message: string } {
  const file = path.join(dir, "empfio.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return { ok: true, release: () => rmSync(file, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const pid = Number(readFileSync(file, "utf8"));
      if (pid && isAlive(pid)) {
        return {
          ok: false,
          message: `${dir} is in use by process ${pid} (is another "npm run dev" or "npm start" running?)`,
        };
      }
      rmSync(file, { force: true });
    }
  }
  return { ok: false, message: `could not lock ${dir}` };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
