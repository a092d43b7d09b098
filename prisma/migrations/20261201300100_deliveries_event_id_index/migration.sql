-- Deliveries by event, replays included: the unique (event_id, endpoint_id) index is partial
-- (WHERE NOT is_replay), so neither retention's "no delivery left" check on an event nor the
-- cascade of an event's delete could use it, and each scanned every delivery.
CREATE INDEX "webhook_deliveries_event_id_idx" ON "webhook_deliveries"("event_id");
