-- The Overview counts bookings by when they were captured and open escalations per organization.
CREATE INDEX "bookings_organization_id_created_at_idx" ON "bookings"("organization_id", "created_at");
CREATE INDEX "conversations_organization_id_status_idx" ON "conversations"("organization_id", "status");
