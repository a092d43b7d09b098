import pg from "pg";
import type { Log } from "./logger";

/**
 * LISTENs for `executor_queue` so work queued by another process starts within ms. Where
 * NOTIFY does not cross connections (PGlite over pglite-socket) the local wake and the
 * short poll cover it. Reconnects with bounded backoff while running.
 */
export function listenForWork(databaseUrl: string, onNotify: () => void, log: Log) {
  let client: pg.Client | null = null;
  let stopped = false;
  let failures = 0;
  let timer: NodeJS.Timeout | undefined;

  async function connect(): Promise<void> {
    if (stopped) return;
    const c = new pg.Client({ connectionString: databaseUrl });
    c.on("notification", onNotify);
    c.on("error", () => retry(c));
    try {
      await c.connect();
      await c.query("LISTEN executor_queue");
      if (stopped) return void c.end().catch(() => undefined);
      client = c;
      failures = 0;
    } catch (error) {
      if (failures === 0) log(`LISTEN unavailable, polling only: ${(error as Error).message}`);
      retry(c);
    }
  }

  function retry(c: pg.Client): void {
    c.end().catch(() => undefined);
    if (client === c) client = null;
    if (stopped) return;
    failures++;
    timer = setTimeout(() => void connect(), Math.min(500 * failures, 10_000));
  }

  void connect();
  return {
    async stop(): Promise<void> {
      stopped = true;
      clearTimeout(timer);
      await client?.end().catch(() => undefined);
    },
  };
}
