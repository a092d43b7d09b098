import "server-only";
import { postAgentEvent } from "./post-agent-event";
import { postBrevoWebhook } from "./post-brevo-webhook";
import { postCalcomWebhook } from "./post-calcom-webhook";
import { postVardaWebhook } from "./post-varda-webhook";

type InboundHandler = (req: Request) => Promise<Response>;

const ROUTES: [RegExp, (segments: string[]) => InboundHandler][] = [
  [/^\/api\/v1\/webhooks\/agent-event$/, () => postAgentEvent],
  [/^\/api\/v1\/webhooks\/calcom$/, () => (req) => postCalcomWebhook(req, null)],
  [
    /^\/api\/v1\/webhooks\/calcom\/([^/]+)$/,
    ([id]) =>
      (req) =>
        postCalcomWebhook(req, id),
  ],
  [
    /^\/api\/v1\/webhooks\/varda\/([^/]+)$/,
    ([id]) =>
      (req) =>
        postVardaWebhook(req, id),
  ],
  [
    /^\/api\/v1\/webhooks\/brevo\/([^/]+)\/([^/]+)$/,
    ([id, kind]) =>
      (req) =>
        postBrevoWebhook(req, id, kind),
  ],
];

/**
 * The handler of an inbound webhook path (no query string), with its segments decoded as
 * Next.js decodes them for app/api/v1/webhooks/…: the ingest tier's routing table. Null for
 * any other path, or a segment that does not decode.
 */
export function routeInboundRequest(pathname: string): InboundHandler | null {
  for (const [pattern, handler] of ROUTES) {
    const match = pattern.exec(pathname);
    if (!match) continue;
    try {
      return handler(match.slice(1).map((segment) => decodeURIComponent(segment)));
    } catch {
      return null;
    }
  }
  return null;
}
