import type { MailMessage } from "@/lib/mail/mail-message";
import type { Role } from "./team-schemas";

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** The invitation email: who invites whom to what, the link, and when it stops working. */
export function invitationMail(input: {
  to: string;
  organizationName: string;
  role: Role;
  invitedBy: string | null;
  link: string;
  expiresAt: Date;
}): MailMessage {
  const who = input.invitedBy ?? "An admin";
  const as = `${input.role === "member" ? "a" : "an"} ${input.role}`;
  const until = input.expiresAt.toUTCString();
  return {
    to: input.to,
    subject: `${who} invited you to ${input.organizationName} on Empfio`,
    text: [
      `${who} invited you to join ${input.organizationName} on Empfio as ${as}.`,
      "",
      `Accept the invitation: ${input.link}`,
      "",
      `The link works once and expires on ${until}. If you did not expect this email, ignore it.`,
    ].join("\n"),
    html: [
      `<p>${escape(who)} invited you to join <strong>${escape(input.organizationName)}</strong> on Empfio as ${as}.</p>`,
      `<p><a href="${escape(input.link)}">Accept the invitation</a></p>`,
      `<p>The link works once and expires on ${escape(until)}. If you did not expect this email, ignore it.</p>`,
    ].join("\n"),
  };
}
