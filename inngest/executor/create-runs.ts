import type pg from "pg";
import { evaluateKey } from "./expressions";
import type { FunctionDef, FunctionRegistry } from "./function-registry";
import { ulid } from "./ids";
import { countRuns } from "./metrics";
import { prepared } from "./prepared";

/** An event as the executor stores it and hands it to functions. */
export type StoredEvent = {
  id: string;
  name: string;
  data: Record<string, unknown>;
  ts: number;
  [field: string]: unknown;
};

export type IncomingEvent = { event: StoredEvent; dedupeKey?: string };
export type CreatedRuns = { eventIds: string[]; runIds: string[] };

const DAY_MS = 86_400_000;

/**
 * Stores events and starts a run for every function they trigger, in ONE statement, so a crash
 * can never keep an event without its runs (or dedupe an event whose runs were never made).
 * `dedupeKey` (the sender's event id) and each function's idempotency key skip duplicates
 * for 24 h. Returns, per incoming event, our id for it (the first one's, for a duplicate).
 */
export async function createRuns(
  db: pg.Pool | pg.PoolClient,
  registry: FunctionRegistry,
  incoming: IncomingEvent[],
  targets: (event: StoredEvent) => FunctionDef[] = (event) => registry.matching(event),
): Promise<CreatedRuns> {
  const idemSeen = new Set<string>();
  const runs = incoming
    .flatMap(({ event }) =>
      targets(event).map((def) => {
        const scope = { event };
        const idem = def.idempotency ? evaluateKey(def.idempotency, scope) : undefined;
        return {
          id: ulid(),
          fn_id: def.id,
          event_id: event.id,
          event,
          idem_key: idem,
          ckeys: def.concurrency.map(
            (c) => `${c.scope === "fn" ? `fn:${def.id}` : c.scope}:${c.key ? (evaluateKey(c.key, scope) ?? "") : ""}`,
          ),
          climits: def.concurrency.map((c) => c.limit),
        };
      }),
    )
    .filter((run) => {
      // One statement may not claim the same dedupe row twice: the first in a batch wins.
      if (run.idem_key === undefined) return true;
      const key = `${run.fn_id}\u0000${run.idem_key}`;
      if (idemSeen.has(key)) return false;
      idemSeen.add(key);
      return true;
    });
  const events = incoming.map(({ event, dedupeKey }) => ({
    id: event.id,
    name: event.name,
    payload: event,
    dedupe_key: dedupeKey ?? null,
  }));
  const { rows } = await db.query<{ duplicates: Record<string, string> | null; runs: string[] | null }>(
    prepared(
      "create-runs",
      `WITH ev_in AS (
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(id text, name text, payload jsonb, dedupe_key text)
     ), ev_seen AS (
       -- One index probe per incoming id (LATERAL): a join here is planned as a scan of every
       -- id seen in the last 24 hours.
       SELECT d.key, d.ref FROM ev_in CROSS JOIN LATERAL (
         SELECT key, ref FROM executor.dedupe WHERE scope = 'event' AND key = ev_in.dedupe_key AND expires_at > now() OFFSET 0
       ) d
     ), ev_claim AS (
       INSERT INTO executor.dedupe (scope, key, ref, expires_at)
       SELECT 'event', dedupe_key, id, now() + $3 * interval '1 millisecond' FROM ev_in WHERE dedupe_key IS NOT NULL
       ON CONFLICT (scope, key) DO UPDATE SET ref = EXCLUDED.ref, expires_at = EXCLUDED.expires_at WHERE dedupe.expires_at <= now()
       RETURNING ref
     ), ev_ok AS (
       SELECT * FROM ev_in WHERE dedupe_key IS NULL OR id IN (SELECT ref FROM ev_claim)
     ), ev AS (
       INSERT INTO executor.events (id, name, payload) SELECT id, name, payload FROM ev_ok
     ), run_in AS (
       SELECT x.* FROM jsonb_to_recordset($2::jsonb) AS x(id text, fn_id text, event_id text, event jsonb, idem_key text, ckeys text[], climits int[])
       WHERE x.event_id IN (SELECT id FROM ev_ok)
     ), run_claim AS (
       INSERT INTO executor.dedupe (scope, key, ref, expires_at)
       SELECT 'fn:' || fn_id, idem_key, id, now() + $3 * interval '1 millisecond' FROM run_in WHERE idem_key IS NOT NULL
       ON CONFLICT (scope, key) DO UPDATE SET ref = EXCLUDED.ref, expires_at = EXCLUDED.expires_at WHERE dedupe.expires_at <= now()
       RETURNING ref
     ), run_ok AS (
       SELECT * FROM run_in WHERE idem_key IS NULL OR id IN (SELECT ref FROM run_claim)
     ), r AS (
       INSERT INTO executor.runs (id, fn_id, event, events, concurrency_keys, concurrency_limits)
       SELECT id, fn_id, event, jsonb_build_array(event), ckeys, climits FROM run_ok
     ), q AS (
       INSERT INTO executor.queue (run_id, step_id, kind, concurrency_keys, concurrency_limits)
       SELECT id, 'step', 'call', ckeys, climits FROM run_ok
     )
     SELECT (SELECT json_object_agg(key, ref) FROM ev_seen) AS duplicates,
            (SELECT json_agg(id) FROM run_ok) AS runs,
            (SELECT CASE WHEN EXISTS (SELECT 1 FROM run_ok) THEN pg_notify('executor_queue', '') END) AS notified`,
      [JSON.stringify(events), JSON.stringify(runs), DAY_MS],
    ),
  );
  const duplicates = rows[0]?.duplicates ?? {};
  countRuns("started", rows[0]?.runs?.length ?? 0);
  return {
    eventIds: incoming.map(({ event, dedupeKey }) => (dedupeKey && duplicates[dedupeKey]) || event.id),
    runIds: rows[0]?.runs ?? [],
  };
}
