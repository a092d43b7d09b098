import { z } from "zod";

/** One email to one recipient: a plain-text body and an HTML body saying the same. */
export const mailMessageSchema = z.object({
  to: z.email(),
  subject: z.string().min(1).max(300),
  text: z.string().min(1),
  html: z.string().min(1),
});
export type MailMessage = z.infer<typeof mailMessageSchema>;
