-- Durable state of the embedded Inngest executor, kept apart from the app's tables.
CREATE SCHEMA IF NOT EXISTS executor;

-- Function configs learned by syncing the app (PUT in-band sync), so a restart knows them.
CREATE TABLE executor.functions (
  id TEXT PRIMARY KEY,
  config JSONB NOT NULL,
  synced_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Every accepted event, as the SDK sent it plus our id and timestamp.
CREATE TABLE executor.events (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  payload JSONB NOT NULL,
  received_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Dedupe windows: event ids (scope 'event') and function idempotency keys (scope 'fn:<id>').
CREATE TABLE executor.dedupe (
  scope TEXT NOT NULL,
  key TEXT NOT NULL,
  ref TEXT NOT NULL,
  expires_at TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (scope, key)
);
CREATE INDEX dedupe_expires_idx ON executor.dedupe (expires_at);

CREATE TABLE executor.runs (
  id TEXT PRIMARY KEY,
  fn_id TEXT NOT NULL,
  event JSONB NOT NULL,
  events JSONB NOT NULL,
  status TEXT NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'completed', 'failed')),
  -- Set once the run planned parallel steps: later calls disable immediate execution.
  parallel BOOLEAN NOT NULL DEFAULT false,
  -- Evaluated once from the triggering event; copied onto each call this run queues.
  concurrency_keys TEXT[] NOT NULL DEFAULT '{}',
  concurrency_limits INTEGER[] NOT NULL DEFAULT '{}',
  output JSONB,
  error JSONB,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  ended_at TIMESTAMPTZ
);
CREATE INDEX runs_fn_idx ON executor.runs (fn_id, created_at);

-- Memoized step results: {"data": …}, {"error": …}, or JSON null for a finished sleep.
CREATE TABLE executor.steps (
  run_id TEXT NOT NULL REFERENCES executor.runs (id) ON DELETE CASCADE,
  step_id TEXT NOT NULL,
  seq BIGSERIAL,
  name TEXT,
  result JSONB,
  finished_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (run_id, step_id)
);

-- Work to do. step_id 'step' is the run's discovery call; any other id is a planned step
-- ('call') or a sleep ('sleep'). One item per (run, step): replanning is idempotent.
CREATE TABLE executor.queue (
  id BIGSERIAL PRIMARY KEY,
  run_id TEXT NOT NULL REFERENCES executor.runs (id) ON DELETE CASCADE,
  step_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('call', 'sleep')),
  name TEXT,
  attempt INTEGER NOT NULL DEFAULT 0,
  available_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  lease_owner TEXT,
  lease_until TIMESTAMPTZ,
  -- New state arrived while this discovery call was in flight: call again when it ends.
  rerun BOOLEAN NOT NULL DEFAULT false,
  concurrency_keys TEXT[] NOT NULL DEFAULT '{}',
  concurrency_limits INTEGER[] NOT NULL DEFAULT '{}',
  UNIQUE (run_id, step_id)
);
CREATE INDEX queue_available_idx ON executor.queue (available_at, id);
CREATE INDEX queue_concurrency_idx ON executor.queue USING gin (concurrency_keys);

-- Cron triggers; next_at advances under a row lock so each tick starts one run.
CREATE TABLE executor.crons (
  fn_id TEXT NOT NULL,
  cron TEXT NOT NULL,
  next_at TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (fn_id, cron)
);

CREATE INDEX queue_keyed_ready_idx ON executor.queue (available_at) WHERE cardinality(concurrency_keys) > 0;
