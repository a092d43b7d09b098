import "server-only";
import { z } from "zod";
import type { Db } from "@/lib/db/client";

export const LEAD_STATUSES = ["new", "contacted", "qualified", "booked", "lost"] as const;
export const LEAD_CHANNELS = ["whatsapp", "telegram", "phone", "webchat", "email", "sms"] as const;

export const listLeadsQuery = z.object({
  status: z.enum(LEAD_STATUSES, "status must be one of new, contacted, qualified, booked, lost").optional(),
  channel: z.enum(LEAD_CHANNELS, "channel must be one of whatsapp, telegram, phone, webchat, email, sms").optional(),
  limit: z.coerce.number().int().min(1).max(200, "limit must be 1 to 200").default(50),
});

export const updateLeadSchema = z.object({
  status: z.enum(LEAD_STATUSES, "status must be one of new, contacted, qualified, booked, lost"),
});

export function listLeads(db: Db, organizationId: string, q: z.output<typeof listLeadsQuery>) {
  return db.lead.findMany({
    where: { organizationId, status: q.status, channel: q.channel },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: q.limit,
  });
}

export function listBookings(db: Db, organizationId: string, limit = 100) {
  return db.booking.findMany({
    where: { organizationId },
    include: { lead: { select: { name: true } } },
    orderBy: { startTime: "desc" },
    take: limit,
  });
}

export function listConversations(db: Db, organizationId: string, limit = 100) {
  return db.conversation.findMany({
    where: { organizationId },
    include: { lead: { select: { name: true } }, _count: { select: { messages: true } } },
    // Escalations first: they wait for a human.
    orderBy: [{ escalatedAt: { sort: "desc", nulls: "last" } }, { updatedAt: "desc" }],
    take: limit,
  });
}

export function leadJson(l: {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  channel: string;
  status: string;
  attribution: unknown;
  createdAt: Date;
  updatedAt: Date;
}) {
  return {
    id: l.id,
    name: l.name,
    email: l.email,
    phone: l.phone,
    channel: l.channel,
    status: l.status,
    attribution: l.attribution ?? null,
    created_at: l.createdAt.toISOString(),
    updated_at: l.updatedAt.toISOString(),
  };
}

export function bookingJson(b: {
  id: string;
  leadId: string | null;
  service: string;
  startTime: Date;
  endTime: Date | null;
  status: string;
  source: string;
  calcomBookingId: number | null;
  cancelledAt: Date | null;
  createdAt: Date;
}) {
  return {
    id: b.id,
    lead_id: b.leadId,
    service: b.service,
    start_time: b.startTime.toISOString(),
    end_time: b.endTime?.toISOString() ?? null,
    status: b.status,
    source: b.source,
    calcom_booking_id: b.calcomBookingId,
    cancelled_at: b.cancelledAt?.toISOString() ?? null,
    created_at: b.createdAt.toISOString(),
  };
}
