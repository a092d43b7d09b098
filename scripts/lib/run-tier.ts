/**
 * A tier's server as its own process (the worker, the ingest tier): starts it, and on SIGINT or SIGTERM stops taking new requests and exits once those in flight have
 * finished, after 10 s at the latest. A start that fails exits 1 with the reason.
 */
export function runTier(name: string, start: () => Promise<{ close: () => Promise<void> }>): void {
  start().then(
    (server) => {
      let stopping = false;
      for (const signal of ["SIGINT", "SIGTERM"] as const) {
        process.on(signal, () => {
          if (stopping) return;
          stopping = true;
          const force = setTimeout(() => process.exit(0), 10_000);
          force.unref();
          void server.close().then(() => process.exit(0));
        });
      }
    },
    (error: Error) => {
      console.error(`${name} failed to start: ${error.message}`);
      process.exit(1);
    },
  );
}
