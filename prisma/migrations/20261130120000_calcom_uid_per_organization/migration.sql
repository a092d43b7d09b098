-- A Cal.com uid is unique within its organization only: one tenant's booking can no longer
-- shadow (or reveal) another's with the same uid.
DROP INDEX "bookings_calcom_uid_key";
CREATE UNIQUE INDEX "bookings_organization_id_calcom_uid_key" ON "bookings"("organization_id", "calcom_uid");
