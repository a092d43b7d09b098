-- A replay sends a stored event again as a new delivery (its own id, so its own webhook-id) to
-- an endpoint that may already have one for that event. The emit still makes at most one
-- delivery per event and endpoint: the unique index now covers only the emit's rows.
ALTER TABLE "webhook_deliveries" ADD COLUMN "is_replay" BOOLEAN NOT NULL DEFAULT false;
DROP INDEX "webhook_deliveries_event_id_endpoint_id_key";
CREATE UNIQUE INDEX "webhook_deliveries_event_id_endpoint_id_key" ON "webhook_deliveries"("event_id", "endpoint_id") WHERE NOT "is_replay";

-- The event log filters on type, newest first, keyset-paginated on (created_at, id).
CREATE INDEX "webhook_events_organization_id_type_created_at_idx" ON "webhook_events"("organization_id", "type", "created_at");

-- Background work a user started and watches (a bulk retry): what it matches (filters), how far
-- it got (done of total; cursor: the last row it went past, so a replayed step never redoes a batch).
CREATE TABLE "jobs" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "filters" JSONB NOT NULL,
    "total" INTEGER NOT NULL,
    "done" INTEGER NOT NULL DEFAULT 0,
    "cursor" TEXT,
    "status" TEXT NOT NULL DEFAULT 'running',
    "error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "completed_at" TIMESTAMPTZ(3),
    CONSTRAINT "jobs_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "jobs_organization_id_created_at_idx" ON "jobs"("organization_id", "created_at");
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
