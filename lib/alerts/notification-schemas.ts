import { z } from "zod";

export const listNotificationsQuery = z.object({
  limit: z.coerce.number().int().min(1, "limit must be 1 to 50").max(50, "limit must be 1 to 50").default(20),
  cursor: z.string().max(200).optional(),
  unread: z.enum(["true", "false"], "unread must be true or false").optional(),
});
export type ListNotificationsQuery = z.output<typeof listNotificationsQuery>;

/** Mark some notifications read (`ids`), or all of them (`all: true`). */
export const markReadSchema = z.union(
  [
    z.object({ ids: z.array(z.uuid("each id must be a UUID")).min(1).max(100) }).strict(),
    z.object({ all: z.literal(true) }).strict(),
  ],
  "give either ids (1 to 100 notification ids) or all: true",
);
export type MarkReadInput = z.output<typeof markReadSchema>;

export const alertPreferenceSchema = z
  .object({ email_alerts: z.boolean("email_alerts must be true or false") })
  .strict();

export const notificationResponse = z.object({
  id: z.uuid(),
  level: z.enum(["exhausted", "failing_50", "failing_90", "disabled", "recovered"]),
  title: z.string(),
  body: z.string(),
  endpoint_id: z.uuid().nullable(),
  link: z.string().describe("Dashboard path, relative to the organization (/<org-slug><link>)."),
  read: z.boolean(),
  created_at: z.iso.datetime(),
});
export type NotificationJson = z.infer<typeof notificationResponse>;

export const notificationListResponse = z.object({
  data: z.array(notificationResponse),
  unread_count: z.number().int(),
  next_cursor: z.string().nullable(),
});
