/**
 * How long an idle pooled connection stays open. pg's default of 10 s closed the pool during any
 * quiet spell, so the first requests after one each paid for a new PostgreSQL backend with cold
 * caches (docs/benchmarks.md).
 */
export const POOL_IDLE_TIMEOUT_MS = 5 * 60_000;

/**
 * Idle connections are kept long enough for a network device to drop them silently (some load
 * balancers forget a flow after 4 minutes idle); keepalive probes keep the flow alive, or reveal
 * a dead one, instead of a query hanging on it until the kernel gives up.
 */
export const TCP_KEEPALIVE = { keepAlive: true, keepAliveInitialDelayMillis: 30_000 };
