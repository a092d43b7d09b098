-- A run's memoized steps, read with a snapshot of their own. A claim statement's snapshot is
-- taken when it starts, before pick_keyed waits for its lock and before the claim's UPDATE
-- waits for a checkpoint that holds the item's row; its own subquery could then miss a step
-- committed meanwhile, so claims re-read the steps in a second round trip. A VOLATILE function
-- takes a fresh snapshot, after the UPDATE has the row: any checkpoint of a lapsed lease has
-- committed by then (and is seen) or will find the lease gone (and be refused).
CREATE FUNCTION executor.run_steps(p_run_id text) RETURNS json LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  RETURN (SELECT coalesce(json_agg(json_build_array(s.step_id, s.result) ORDER BY s.seq), '[]')
          FROM executor.steps s WHERE s.run_id = p_run_id);
END
$$;
