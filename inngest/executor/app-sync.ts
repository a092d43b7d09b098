import type pg from "pg";
import type { AppClient } from "./app-client";
import type { FunctionConfig, FunctionRegistry } from "./function-registry";
import type { Log } from "./logger";

/**
 * Learns the app's functions by in-band sync: a signed `PUT <serve url>` with
 * `x-inngest-sync-kind: in_band` and body `{url}`; the SDK answers with every function's
 * config. Retries until the app answers, then re-syncs periodically and whenever a call says a
 * function is unknown. A sync is accepted only for the configured app URL: a registration naming
 * any other URL (say, one the SDK built from a forged Host header) is refused.
 */
export function createAppSync(deps: {
  db: pg.Pool;
  registry: FunctionRegistry;
  app: AppClient;
  appUrl: string;
  resyncMs: number;
  log: Log;
}) {
  const { db, registry, app, appUrl, log } = deps;
  let synced = false;
  let current: Promise<boolean> | null = null;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let failures = 0;
  let lastWarnings = "";

  async function accept(configs: FunctionConfig[], source: string): Promise<void> {
    if (!sameEndpoint(source, appUrl)) throw new ForeignAppUrlError(source, appUrl);
    registry.use(configs);
    await registry.save(db, configs);
    if (!synced) log(`synced ${registry.size} function(s) from ${source}`);
    synced = true;
    const warnings = registry.warnings.join("\n");
    if (warnings && warnings !== lastWarnings) log(warnings);
    lastWarnings = warnings;
  }

  async function attempt(): Promise<boolean> {
    try {
      const res = await app.request("PUT", appUrl, { url: appUrl }, { "x-inngest-sync-kind": "in_band" });
      const body = JSON.parse(res.body) as { functions?: FunctionConfig[]; url?: string };
      if (res.status !== 200 || !Array.isArray(body.functions))
        throw new Error(`sync replied ${res.status}: ${res.body.slice(0, 200)}`);
      await accept(body.functions, body.url ?? appUrl);
      failures = 0;
      return true;
    } catch (error) {
      if (failures++ % 20 === 0) log(`waiting for the app at ${appUrl} to sync (${(error as Error).message})`);
      return false;
    }
  }

  function syncNow(): Promise<boolean> {
    current ??= attempt().finally(() => {
      current = null;
    });
    return current;
  }

  async function loop(): Promise<void> {
    if (stopped) return;
    const ok = await syncNow();
    if (stopped) return;
    const delay = ok ? deps.resyncMs : Math.min(250 * 2 ** Math.min(failures, 5), 5_000);
    timer = setTimeout(() => void loop(), delay);
  }

  return {
    start: () => void loop(),
    syncNow,
    /** Out-of-band sync: the SDK POSTs its configs to /fn/register (bearer checked by the caller). */
    register: (configs: FunctionConfig[], url: string) => accept(configs, url),
    get synced() {
      return synced;
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}

export type AppSync = ReturnType<typeof createAppSync>;

export class ForeignAppUrlError extends Error {
  constructor(url: string, appUrl: string) {
    super(
      `refused a registration for ${url}: this executor serves only ${appUrl} (INNGEST_SERVE_ORIGIN on the app side)`,
    );
  }
}

/** Same origin and path; the SDK may add query parameters. */
function sameEndpoint(url: string, appUrl: string): boolean {
  try {
    const [a, b] = [new URL(url), new URL(appUrl)];
    return a.origin === b.origin && a.pathname === b.pathname;
  } catch {
    return false;
  }
}
