import "server-only";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { decodeCursor, encodeCursor } from "@/lib/webhooks/keyset-cursor";
import type { ListNotificationsQuery, MarkReadInput, NotificationJson } from "./notification-schemas";

type Row = {
  id: string;
  level: NotificationJson["level"];
  title: string;
  body: string;
  endpointId: string | null;
  link: string;
  read: boolean;
  createdAt: Date;
};

/**
 * The organization's feed, newest first, with the user's own read state (`userId` null, for an
 * API key: nothing counts as read). Keyset-paginated on (created_at, id).
 */
export async function listNotifications(
  db: Db,
  organizationId: string,
  userId: string | null,
  q: ListNotificationsQuery,
) {
  const conditions = [Prisma.sql`n.organization_id = ${organizationId}::uuid`];
  if (q.cursor) {
    const [createdAt, id] = decodeCursor(q.cursor);
    conditions.push(Prisma.sql`(n.created_at, n.id) < (${createdAt}, ${id}::uuid)`);
  }
  if (q.unread === "true") conditions.push(Prisma.sql`r.user_id IS NULL`);
  if (q.unread === "false") conditions.push(Prisma.sql`r.user_id IS NOT NULL`);
  const [rows, [{ unread }]] = await Promise.all([
    db.$queryRaw<Row[]>`
      SELECT n.id::text, n.level::text AS level, n.title, n.body, n.endpoint_id::text AS "endpointId", n.link,
             r.user_id IS NOT NULL AS read, n.created_at AS "createdAt"
      FROM notifications n LEFT JOIN notification_reads r ON r.notification_id = n.id AND r.user_id = ${userId}::uuid
      WHERE ${Prisma.join(conditions, " AND ")}
      ORDER BY n.created_at DESC, n.id DESC
      LIMIT ${q.limit + 1}`,
    db.$queryRaw<{ unread: number }[]>`
      SELECT count(*)::int AS unread FROM notifications n
      WHERE n.organization_id = ${organizationId}::uuid AND NOT EXISTS (
        SELECT 1 FROM notification_reads r WHERE r.notification_id = n.id AND r.user_id = ${userId}::uuid)`,
  ]);
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    data: page.map((r): NotificationJson => ({
      id: r.id,
      level: r.level,
      title: r.title,
      body: r.body,
      endpoint_id: r.endpointId,
      link: r.link,
      read: r.read,
      created_at: r.createdAt.toISOString(),
    })),
    unread_count: unread,
    next_cursor: rows.length > q.limit && last ? encodeCursor(last.createdAt, last.id) : null,
  };
}

/** Marks notifications of this organization read for this user; ids of another organization are skipped. */
export async function markNotificationsRead(db: Db, organizationId: string, userId: string, input: MarkReadInput) {
  const which = "ids" in input ? Prisma.sql`AND n.id = ANY (${input.ids}::uuid[])` : Prisma.empty;
  const marked = await db.$executeRaw`
    INSERT INTO notification_reads (notification_id, user_id)
    SELECT n.id, ${userId}::uuid FROM notifications n WHERE n.organization_id = ${organizationId}::uuid ${which}
    ON CONFLICT DO NOTHING`;
  return { marked };
}
