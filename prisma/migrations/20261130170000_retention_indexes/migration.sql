-- Retention prunes each table by age in small batches (lib/maintenance/prune-old-rows.ts); these
-- indexes let every batch find its oldest rows without scanning what is kept. Attempts go with
-- their delivery (by delivery_id, already indexed).
CREATE INDEX "webhook_events_created_at_idx" ON "webhook_events"("created_at");
CREATE INDEX "webhook_deliveries_created_at_idx" ON "webhook_deliveries"("created_at");
CREATE INDEX "inbound_requests_received_at_idx" ON "inbound_requests"("received_at");
CREATE INDEX "login_attempts_attempted_at_idx" ON "login_attempts"("attempted_at");
