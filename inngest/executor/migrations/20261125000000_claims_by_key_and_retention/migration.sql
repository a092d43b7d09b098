-- Keyed claims walk the distinct keys instead of the queued items. Before, a claim scanned
-- every ready item of a key already at its limit (a burst for one endpoint: thousands of rows,
-- on every claim); now a saturated key costs one index probe. lead_key is an item's first
-- concurrency key; its index serves the walk over keys and each key's oldest ready items.
ALTER TABLE executor.queue ADD COLUMN lead_key TEXT GENERATED ALWAYS AS (concurrency_keys[1]) STORED;
CREATE INDEX queue_lead_key_idx ON executor.queue (lead_key, available_at, id) WHERE lead_key IS NOT NULL;
-- No query filters on the keys' contents, and a GIN index costs every insert.
DROP INDEX executor.queue_concurrency_idx;
-- Unkeyed claims read the oldest ready items without passing over the keyed backlog.
CREATE INDEX queue_unkeyed_ready_idx ON executor.queue (available_at, id) WHERE cardinality(concurrency_keys) = 0;

-- Picks and row-locks up to p_limit ready keyed items whose concurrency keys have room, in
-- one round trip. Keys are taken oldest ready item first, so no key waits behind another;
-- a key at its limit is skipped without reading its backlog (judged by the limit of its oldest
-- ready item: a key shared by functions with different limits serves them in order). The advisory lock serializes
-- keyed claims of all processes until the caller's statement commits, so a key's limit holds
-- across processes. prev_owner is set when the item is taken over from a lapsed lease.
CREATE OR REPLACE FUNCTION executor.pick_keyed(p_limit integer)
RETURNS TABLE (id bigint, prev_owner text) LANGUAGE plpgsql VOLATILE
-- A claim's size, not the default 1000, so the caller's UPDATE probes queue and runs by key
-- instead of scanning them.
ROWS 10 AS $$
DECLARE
  counts jsonb;
  k record;
  c record;
  fits boolean;
  picked integer := 0;
BEGIN
  PERFORM pg_advisory_xact_lock(7310003);
  SELECT coalesce(jsonb_object_agg(t.k, t.n), '{}'::jsonb) INTO counts
  FROM (SELECT u.k, count(*) AS n FROM executor.queue q, unnest(q.concurrency_keys) AS u(k)
        WHERE cardinality(q.concurrency_keys) > 0 AND q.lease_until > now() GROUP BY u.k) t;
  FOR k IN
    WITH RECURSIVE keys(key) AS (
      (SELECT q.lead_key FROM executor.queue q WHERE q.lead_key IS NOT NULL ORDER BY q.lead_key LIMIT 1)
      UNION ALL
      SELECT (SELECT q.lead_key FROM executor.queue q WHERE q.lead_key > keys.key ORDER BY q.lead_key LIMIT 1)
      FROM keys WHERE keys.key IS NOT NULL
    )
    SELECT keys.key, f.available_at, f.lim FROM keys
    CROSS JOIN LATERAL (
      SELECT q.available_at, q.concurrency_limits[1] AS lim FROM executor.queue q
      WHERE q.lead_key = keys.key AND q.available_at <= now() AND (q.lease_until IS NULL OR q.lease_until < now())
      ORDER BY q.available_at, q.id LIMIT 1
    ) f
    WHERE keys.key IS NOT NULL AND coalesce((counts ->> keys.key)::integer, 0) < f.lim
    ORDER BY f.available_at
  LOOP
    EXIT WHEN picked >= p_limit;
    FOR c IN
      SELECT q.id, q.lease_owner, q.concurrency_keys, q.concurrency_limits FROM executor.queue q
      WHERE q.lead_key = k.key AND q.available_at <= now() AND (q.lease_until IS NULL OR q.lease_until < now())
        -- An item whose other keys are full is passed over in the scan, so it cannot hide the
        -- items behind it (several concurrency entries: a function-wide limit, then a key).
        AND NOT EXISTS (SELECT 1 FROM unnest(q.concurrency_keys, q.concurrency_limits) AS u(k, l)
                        WHERE coalesce((counts ->> u.k)::integer, 0) >= u.l)
      ORDER BY q.available_at, q.id
      LIMIT greatest(least(k.lim - coalesce((counts ->> k.key)::integer, 0), p_limit - picked), 1) * 2
      FOR UPDATE SKIP LOCKED
    LOOP
      EXIT WHEN picked >= p_limit;
      fits := true;
      FOR i IN 1 .. cardinality(c.concurrency_keys) LOOP
        IF coalesce((counts ->> c.concurrency_keys[i])::integer, 0) >= c.concurrency_limits[i] THEN
          fits := false;
          EXIT;
        END IF;
      END LOOP;
      CONTINUE WHEN NOT fits;
      FOR i IN 1 .. cardinality(c.concurrency_keys) LOOP
        counts := jsonb_set(counts, ARRAY[c.concurrency_keys[i]], to_jsonb(coalesce((counts ->> c.concurrency_keys[i])::integer, 0) + 1));
      END LOOP;
      picked := picked + 1;
      id := c.id;
      prev_owner := c.lease_owner;
      RETURN NEXT;
    END LOOP;
  END LOOP;
END;
$$;

-- History retention: finished runs (their steps cascade) and events are pruned after
-- INNGEST_EXECUTOR_RETENTION_HOURS, so a long-lived box does not grow without end.
CREATE INDEX runs_ended_idx ON executor.runs (ended_at) WHERE status <> 'running';
CREATE INDEX events_received_idx ON executor.events (received_at);
