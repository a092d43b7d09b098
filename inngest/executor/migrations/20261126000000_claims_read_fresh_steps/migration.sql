-- A run's memoized steps, read with a snapshot of their own. A claim statement's snapshot is
-- taken when it starts, before pick_keyed waits for its lock and before the pick locks the
-- item's row; a subquery in that snapshot could miss a step that a lapsed lease's holder
-- checkpointed in between (claims used to re-read the steps in a second round trip for that).
-- A VOLATILE function takes a fresh snapshot, once the claim holds the row: any checkpoint of
-- the previous holder has committed by then (and is seen) or will find the lease gone (and be
-- refused).
CREATE FUNCTION executor.run_steps(p_run_id text) RETURNS json LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  RETURN (SELECT coalesce(json_agg(json_build_array(s.step_id, s.result) ORDER BY s.seq), '[]')
          FROM executor.steps s WHERE s.run_id = p_run_id);
END
$$;
