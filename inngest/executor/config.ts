import { isValidSigningKey } from "./sign-request";

/** Everything the executor can be told; `readConfigFromEnv` fills it from the environment. */
export type ExecutorConfig = {
  databaseUrl: string;
  /** 0 picks a free port (tests). */
  port: number;
  host: string;
  /** The functions' endpoint, synced in-band and called for every step; the only URL a registration may name. */
  appUrl: string;
  /** Signs every call to the functions; the SDK's calls to us must carry its hash as bearer. */
  signingKey: string;
  /** Accepted too while keys rotate (as INNGEST_SIGNING_KEY_FALLBACK on the SDK's side). */
  signingKeyFallback?: string;
  /** POST /e/<key> must use this key. */
  eventKey: string;
  /** Multiplies every sleep, backoff and Retry-After delay; tests use e.g. 0.001. */
  timeScale: number;
  /** Calls to the app in flight at once from this process. */
  workers: number;
  /** When set, GET /metrics answers for `Authorization: Bearer <token>`; unset, it is a 404. */
  metricsToken?: string;
  /** A claimed item is reclaimable by another process once its lease lapses (renewed while alive). */
  leaseMs: number;
  /** Longest wait between polls of the queue when idle and no NOTIFY arrives. */
  maxPollMs: number;
  /** Timeout of one call to the app. */
  callTimeoutMs: number;
  /** Re-sync the app's functions this often. */
  resyncMs: number;
  /** Hot statements as named (prepared) queries; off for the embedded database (see prepared.ts). */
  preparedStatements: boolean;
  /** Finished runs and events older than this are deleted (running runs never are). */
  retentionMs: number;
  /** One line per step progress; false silences it (benchmarks). */
  log: boolean | ((line: string) => void);
};

const HOUR_MS = 3_600_000;

export function readConfigFromEnv(env: NodeJS.ProcessEnv = process.env): ExecutorConfig {
  const databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) throw new Error("DATABASE_URL is not set; the executor keeps its state in PostgreSQL");
  return {
    databaseUrl,
    port: integer(env.INNGEST_EXECUTOR_PORT, 8288, "INNGEST_EXECUTOR_PORT", 0),
    host: "127.0.0.1",
    appUrl: env.INNGEST_EXECUTOR_APP_URL || `http://127.0.0.1:${env.EMPFIO_WORKER_PORT || 8289}/api/inngest`,
    timeScale: positiveNumber(env.INNGEST_EXECUTOR_TIME_SCALE, 1, "INNGEST_EXECUTOR_TIME_SCALE"),
    workers: integer(env.INNGEST_EXECUTOR_WORKERS, 32, "INNGEST_EXECUTOR_WORKERS", 1),
    ...keysFromEnv(env),
    metricsToken: env.METRICS_TOKEN || undefined,
    leaseMs: integer(env.INNGEST_EXECUTOR_LEASE_MS, 30_000, "INNGEST_EXECUTOR_LEASE_MS", 1),
    maxPollMs: 250,
    callTimeoutMs: integer(env.INNGEST_EXECUTOR_CALL_TIMEOUT_MS, 5 * 60_000, "INNGEST_EXECUTOR_CALL_TIMEOUT_MS", 1),
    resyncMs: 60_000,
    preparedStatements: env.INNGEST_EXECUTOR_PREPARED_STATEMENTS !== "0",
    retentionMs: integer(env.INNGEST_EXECUTOR_RETENTION_HOURS, 168, "INNGEST_EXECUTOR_RETENTION_HOURS", 1) * HOUR_MS,
    log: env.INNGEST_EXECUTOR_LOG !== "0",
  };
}

/** The keys the app's SDK is given too: INNGEST_EVENT_KEY, INNGEST_SIGNING_KEY (+ _FALLBACK). */
function keysFromEnv(env: NodeJS.ProcessEnv): Pick<ExecutorConfig, "eventKey" | "signingKey" | "signingKeyFallback"> {
  const { INNGEST_EVENT_KEY: eventKey, INNGEST_SIGNING_KEY: signingKey } = env;
  if (!eventKey || !signingKey)
    throw new Error("INNGEST_EVENT_KEY and INNGEST_SIGNING_KEY must be set: the executor signs every call with them");
  return { eventKey, signingKey, signingKeyFallback: env.INNGEST_SIGNING_KEY_FALLBACK || undefined };
}

export function withDefaults(options: ExecutorOptions): ExecutorConfig {
  for (const key of [options.signingKey, options.signingKeyFallback]) {
    if (key !== undefined && !isValidSigningKey(key))
      throw new Error("the signing key must be hex (at least 16 bytes), optionally prefixed signkey-<env>-");
  }
  if (!options.eventKey) throw new Error("the event key must not be empty");
  return {
    port: 0,
    host: "127.0.0.1",
    timeScale: 1,
    workers: 32,
    leaseMs: 30_000,
    maxPollMs: 250,
    callTimeoutMs: 5 * 60_000,
    resyncMs: 60_000,
    preparedStatements: true,
    retentionMs: 168 * HOUR_MS,
    log: true,
    ...options,
  };
}

export type ExecutorOptions = Partial<ExecutorConfig> &
  Pick<ExecutorConfig, "databaseUrl" | "appUrl" | "signingKey" | "eventKey">;

function positiveNumber(raw: string | undefined, fallback: number, name: string): number {
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got "${raw}"`);
  return value;
}

function integer(raw: string | undefined, fallback: number, name: string, min: number): number {
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer >= ${min}, got "${raw}"`);
  return value;
}
