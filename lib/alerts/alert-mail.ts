import type { MailMessage } from "@/lib/mail/mail-message";

type Alert = { title: string; body: string; url: string; organization: { name: string } };

const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** One alert's email to one owner or admin: plain text and HTML, linking to the endpoint and to the preference. */
export function alertMail(
  alert: Alert,
  to: { email: string; name: string },
  links: { open: string; preferences: string },
): MailMessage {
  const footer = `You get this as an owner or admin of ${alert.organization.name}. Turn alert emails off for yourself: ${links.preferences}`;
  return {
    to: to.email,
    subject: alert.title,
    text: `Hello ${to.name},\n\n${alert.title}\n\n${alert.body}\n\nEndpoint: ${alert.url}\nOpen it in Empfio: ${links.open}\n\n--\n${footer}\n`,
    html: `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#18181b;line-height:1.5">
<p>Hello ${escapeHtml(to.name)},</p>
<h1 style="font-size:18px">${escapeHtml(alert.title)}</h1>
<p>${escapeHtml(alert.body)}</p>
<p>Endpoint: <code>${escapeHtml(alert.url)}</code></p>
<p><a href="${escapeHtml(links.open)}" style="display:inline-block;background:#4f46e5;color:#fff;padding:8px 14px;border-radius:6px;text-decoration:none">Open the endpoint in Empfio</a></p>
<hr style="border:none;border-top:1px solid #e4e4e7">
<p style="font-size:12px;color:#52525b">You get this as an owner or admin of ${escapeHtml(alert.organization.name)}. <a href="${escapeHtml(links.preferences)}">Turn alert emails off for yourself</a>.</p>
</body></html>`,
  };
}
