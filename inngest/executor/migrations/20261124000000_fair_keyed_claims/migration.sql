-- Keyed items that hold a lease, counted on every keyed claim.
CREATE INDEX queue_keyed_leased_idx ON executor.queue (lease_until) WHERE cardinality(concurrency_keys) > 0;

-- Picks and row-locks up to p_limit ready keyed items whose concurrency keys have room, in
-- one round trip. Keys already at their limit are skipped in the scan itself, so a saturated
-- key (an endpoint that hangs) never hides the ready work of other keys queued behind it.
-- The advisory lock serializes keyed claims of all processes until the caller's statement
-- commits, so a key's limit holds across processes. prev_owner is set when the item is taken
-- over from a lapsed lease.
CREATE FUNCTION executor.pick_keyed(p_limit integer)
RETURNS TABLE (id bigint, prev_owner text) LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  counts jsonb;
  c record;
  fits boolean;
  picked integer := 0;
BEGIN
  PERFORM pg_advisory_xact_lock(7310003);
  SELECT coalesce(jsonb_object_agg(t.k, t.n), '{}'::jsonb) INTO counts
  FROM (SELECT u.k, count(*) AS n FROM executor.queue q, unnest(q.concurrency_keys) AS u(k)
        WHERE cardinality(q.concurrency_keys) > 0 AND q.lease_until > now() GROUP BY u.k) t;
  FOR c IN
    SELECT q.id, q.lease_owner, q.concurrency_keys, q.concurrency_limits FROM executor.queue q
    WHERE cardinality(q.concurrency_keys) > 0 AND q.available_at <= now() AND (q.lease_until IS NULL OR q.lease_until < now())
      AND NOT EXISTS (SELECT 1 FROM unnest(q.concurrency_keys, q.concurrency_limits) AS u(k, l)
                      WHERE coalesce((counts ->> u.k)::integer, 0) >= u.l)
    ORDER BY q.available_at, q.id
    LIMIT greatest(p_limit * 4, 50)
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
END;
$$;
