-- Deliveries are their own queue: a pending delivery is due at next_attempt_at and is claimed by
-- one delivery run at a time (lease_owner, lease_until). scheduled_attempts counts the attempts of
-- the current schedule (reset when a delivery is recovered), so the next wait is read from it.
ALTER TABLE "webhook_deliveries" ADD COLUMN "scheduled_attempts" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "webhook_deliveries" ADD COLUMN "lease_owner" TEXT;
ALTER TABLE "webhook_deliveries" ADD COLUMN "lease_until" TIMESTAMPTZ(3);
UPDATE "webhook_deliveries" SET "next_attempt_at" = "created_at" WHERE "status" = 'pending' AND "next_attempt_at" IS NULL;
UPDATE "webhook_deliveries" SET "scheduled_attempts" = "attempt_count" WHERE NOT "is_test";
-- Only pending rows are ever claimed, so only they are indexed: the index stays as small as the
-- backlog, whatever the history.
CREATE INDEX "webhook_deliveries_endpoint_id_next_attempt_at_idx" ON "webhook_deliveries"("endpoint_id", "next_attempt_at") WHERE "status" = 'pending';
CREATE INDEX "webhook_deliveries_next_attempt_at_idx" ON "webhook_deliveries"("next_attempt_at") WHERE "status" = 'pending';

-- One row per endpoint that has had deliveries: who drains its pending deliveries now (holder: a
-- run id, or 'wake:<token>' while a requested run has not started), until when (lease_until), and
-- how many hand-overs happened (wakes), so a run never goes idle past deliveries committed after
-- its last claim. timer_at: the earliest retry a sleeping run will wake for.
CREATE TABLE "webhook_endpoint_lanes" (
    "endpoint_id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "holder" TEXT,
    "lease_until" TIMESTAMPTZ(3),
    "wakes" BIGINT NOT NULL DEFAULT 0,
    "timer_at" TIMESTAMPTZ(3),
    CONSTRAINT "webhook_endpoint_lanes_pkey" PRIMARY KEY ("endpoint_id")
);
ALTER TABLE "webhook_endpoint_lanes" ADD CONSTRAINT "webhook_endpoint_lanes_endpoint_id_fkey" FOREIGN KEY ("endpoint_id") REFERENCES "webhook_endpoints"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The outbox needs no hand-over mark any more: a delivery is handed over when its lane is woken,
-- and the sweep finds pending deliveries past their due time instead of unmarked events.
DROP INDEX "webhook_events_dispatched_at_created_at_idx";
ALTER TABLE "webhook_events" DROP COLUMN "dispatched_at";

-- A replayed step no longer looks its attempt up by step: the delivery's lease keeps a claimed
-- delivery from being sent twice, and a recorded one is no longer due.
ALTER TABLE "webhook_delivery_attempts" DROP COLUMN "step_key";
