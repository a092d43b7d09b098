// Plain JavaScript: scripts/next-server.mjs runs under node without tsx.

/**
 * Lets at most `concurrency` callers in at once and keeps up to `queueLimit` more waiting, in
 * arrival order. `enter()` resolves to a `leave` function when it is the caller's turn (calling it
 * more than once is harmless), or returns null at once when the queue is full.
 *
 * @param {{ concurrency: number, queueLimit: number }} limits
 */
export function takeTurns({ concurrency, queueLimit }) {
  let inside = 0;
  /** @type {(() => void)[]} */
  const waiting = [];
  const next = () => {
    const admit = waiting.shift();
    if (admit) admit();
    else inside--;
  };
  const leaveOnce = () => {
    let left = false;
    return () => {
      if (left) return;
      left = true;
      next();
    };
  };
  return {
    enter() {
      if (inside < concurrency) {
        inside++;
        return Promise.resolve(leaveOnce());
      }
      if (waiting.length >= queueLimit) return null;
      return new Promise((resolve) => waiting.push(() => resolve(leaveOnce())));
    },
    get inside() {
      return inside;
    },
    get waiting() {
      return waiting.length;
    },
  };
}
