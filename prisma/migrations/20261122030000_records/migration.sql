-- CreateEnum
CREATE TYPE "LeadChannel" AS ENUM ('whatsapp', 'telegram', 'phone', 'webchat', 'email', 'sms');
CREATE TYPE "LeadStatus" AS ENUM ('new', 'contacted', 'qualified', 'booked', 'lost');
CREATE TYPE "BookingStatus" AS ENUM ('requested', 'confirmed', 'started', 'cancelled');

-- CreateTable
CREATE TABLE "leads" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT,
    "phone" TEXT,
    "channel" "LeadChannel" NOT NULL,
    "status" "LeadStatus" NOT NULL DEFAULT 'new',
    "attribution" JSONB,
    "external_ref" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "leads_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "bookings" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "lead_id" UUID,
    "service" TEXT NOT NULL,
    "start_time" TIMESTAMPTZ(3) NOT NULL,
    "end_time" TIMESTAMPTZ(3),
    "status" "BookingStatus" NOT NULL,
    "notes" TEXT,
    "source" TEXT NOT NULL,
    "calcom_booking_id" INTEGER,
    "calcom_uid" TEXT,
    "external_ref" TEXT,
    "cancelled_at" TIMESTAMPTZ(3),
    "started_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "bookings_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "conversations" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "lead_id" UUID,
    "channel" "LeadChannel" NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "escalation_reason" TEXT,
    "escalated_at" TIMESTAMPTZ(3),
    "external_ref" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "conversations_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "messages" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "conversation_id" UUID,
    "lead_id" UUID,
    "channel" "LeadChannel" NOT NULL,
    "direction" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "external_ref" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "messages_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "calls" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "lead_id" UUID,
    "source" TEXT NOT NULL,
    "direction" TEXT,
    "status" TEXT,
    "from_number" TEXT,
    "to_number" TEXT,
    "duration_seconds" INTEGER,
    "disposition" TEXT,
    "outcome" TEXT,
    "attribution" JSONB,
    "external_ref" TEXT,
    "started_at" TIMESTAMPTZ(3),
    "ended_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "calls_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "integration_connections" (
    "id" UUID NOT NULL,
    "organization_id" UUID NOT NULL,
    "provider" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "secret_encrypted" TEXT,
    "basic_username" TEXT,
    "basic_password_encrypted" TEXT,
    "last_received_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "integration_connections_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "inbound_requests" (
    "id" BIGSERIAL NOT NULL,
    "organization_id" UUID,
    "connection_id" UUID,
    "source" TEXT NOT NULL,
    "event_type" TEXT,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "verification" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "http_status" INTEGER NOT NULL,
    "reason" TEXT,
    "effects" JSONB,
    "duration_ms" INTEGER NOT NULL,
    CONSTRAINT "inbound_requests_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "inbound_dedupe_keys" (
    "key" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "inbound_dedupe_keys_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "leads_organization_id_external_ref_key" ON "leads"("organization_id", "external_ref");
CREATE INDEX "leads_organization_id_created_at_idx" ON "leads"("organization_id", "created_at");
CREATE INDEX "leads_organization_id_email_idx" ON "leads"("organization_id", "email");
CREATE INDEX "leads_organization_id_phone_idx" ON "leads"("organization_id", "phone");
CREATE UNIQUE INDEX "bookings_calcom_uid_key" ON "bookings"("calcom_uid");
CREATE UNIQUE INDEX "bookings_organization_id_external_ref_key" ON "bookings"("organization_id", "external_ref");
CREATE INDEX "bookings_organization_id_start_time_idx" ON "bookings"("organization_id", "start_time");
CREATE UNIQUE INDEX "conversations_organization_id_external_ref_key" ON "conversations"("organization_id", "external_ref");
CREATE INDEX "conversations_organization_id_updated_at_idx" ON "conversations"("organization_id", "updated_at");
CREATE UNIQUE INDEX "messages_organization_id_external_ref_key" ON "messages"("organization_id", "external_ref");
CREATE INDEX "messages_conversation_id_created_at_idx" ON "messages"("conversation_id", "created_at");
CREATE UNIQUE INDEX "calls_organization_id_external_ref_key" ON "calls"("organization_id", "external_ref");
CREATE INDEX "calls_organization_id_created_at_idx" ON "calls"("organization_id", "created_at");
CREATE INDEX "integration_connections_organization_id_created_at_idx" ON "integration_connections"("organization_id", "created_at");
CREATE INDEX "inbound_requests_organization_id_received_at_idx" ON "inbound_requests"("organization_id", "received_at");
CREATE INDEX "inbound_requests_connection_id_received_at_idx" ON "inbound_requests"("connection_id", "received_at");
CREATE INDEX "inbound_dedupe_keys_expires_at_idx" ON "inbound_dedupe_keys"("expires_at");

-- AddForeignKey
ALTER TABLE "leads" ADD CONSTRAINT "leads_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_lead_id_fkey" FOREIGN KEY ("lead_id") REFERENCES "leads"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_lead_id_fkey" FOREIGN KEY ("lead_id") REFERENCES "leads"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "messages" ADD CONSTRAINT "messages_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "messages" ADD CONSTRAINT "messages_conversation_id_fkey" FOREIGN KEY ("conversation_id") REFERENCES "conversations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "calls" ADD CONSTRAINT "calls_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "integration_connections" ADD CONSTRAINT "integration_connections_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
