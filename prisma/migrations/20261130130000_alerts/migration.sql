-- Alerts: the organization's feed of endpoint health moments (lib/alerts/). One row per endpoint,
-- level and episode (an episode ends when the endpoint is healthy again), so each level is raised
-- once per episode however many deliveries fail; endpoint_id is kept null when the endpoint is deleted.
CREATE TYPE "AlertLevel" AS ENUM ('exhausted', 'failing_50', 'failing_90', 'disabled', 'recovered');

CREATE TABLE "notifications" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "endpoint_id" UUID,
    "level" "AlertLevel" NOT NULL,
    "episode" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "link" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "notifications_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "notifications_endpoint_id_level_episode_key" ON "notifications"("endpoint_id", "level", "episode");
CREATE INDEX "notifications_organization_id_created_at_idx" ON "notifications"("organization_id", "created_at");
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_endpoint_id_fkey" FOREIGN KEY ("endpoint_id") REFERENCES "webhook_endpoints"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Read state is per user: the feed is the organization's.
CREATE TABLE "notification_reads" (
    "notification_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "read_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "notification_reads_pkey" PRIMARY KEY ("notification_id", "user_id")
);
CREATE INDEX "notification_reads_user_id_idx" ON "notification_reads"("user_id");
ALTER TABLE "notification_reads" ADD CONSTRAINT "notification_reads_notification_id_fkey" FOREIGN KEY ("notification_id") REFERENCES "notifications"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "notification_reads" ADD CONSTRAINT "notification_reads_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Email alerts are on for owners and admins unless they turn them off; the row goes with the membership.
ALTER TABLE "memberships" ADD COLUMN "email_alerts" BOOLEAN NOT NULL DEFAULT true;
