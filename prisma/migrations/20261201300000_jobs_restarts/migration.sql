-- The delivery sweep restarts a bulk retry whose run was lost (no progress for minutes) from its
-- cursor, a few times at most before failing it with a reason: how often it did so.
ALTER TABLE "jobs" ADD COLUMN "restarts" INTEGER NOT NULL DEFAULT 0;
