import { CalendarDays, Mail, PhoneCall, type LucideIcon } from "lucide-react";
import type { BrevoWebhookUrls, Connection, ConnectionProvider, InboundSource } from "@/lib/api-client/types";

type ProviderInfo = {
  label: string;
  icon: LucideIcon;
  /** What the integration does for the owner, in one sentence. */
  summary: string;
  /** Where the owner configures the webhook in the other service, step by step. */
  setup: string[];
};

// Setup steps follow what each service sends (seeds: varda-webhook-events, brevo-meetings-and-phone-webhooks,
// seeds/README for Cal.com): Varda signs with a secret it generates, Cal.com with one we generate,
// Brevo does not sign but carries a bearer token or basic-auth credentials we generate.
export const PROVIDERS: Record<ConnectionProvider, ProviderInfo> = {
  calcom: {
    label: "Cal.com",
    icon: CalendarDays,
    summary: "Bookings made, moved and cancelled in Cal.com become Empfio bookings, with the customer as a lead.",
    setup: [
      "Create the connection here: Empfio shows a webhook URL and a signing secret (once).",
      "In Cal.com, open Settings → Developer → Webhooks and add a webhook.",
      "Paste the URL as the Subscriber URL and the secret into Secret.",
      "Turn on Booking Created, Booking Rescheduled and Booking Cancelled, then save.",
    ],
  },
  varda: {
    label: "Varda",
    icon: PhoneCall,
    summary:
      "Contacts, conversations, messages and calls from Varda become leads; a tagged call outcome moves the lead's status.",
    setup: [
      "In Varda's webhook settings, add a webhook and copy the signing secret Varda generates for it.",
      "Paste that secret here and create the connection.",
      "Copy the webhook URL Empfio shows and set it as the webhook's URL in Varda.",
      "Select the events to send: contacts, conversations, messages, calls and call outcomes.",
    ],
  },
  brevo: {
    label: "Brevo",
    icon: Mail,
    summary:
      "Meetings booked, started and cancelled in Brevo become bookings; finished calls are recorded, and a missed call from a new number becomes a lead.",
    setup: [
      "Create the connection here: Empfio shows one URL per Brevo event and the credentials (once).",
      "In Brevo, add a Meetings webhook for Meeting booked, Meeting started and Meeting cancelled, and a Phone webhook for Call finished, each with its URL.",
      "Bearer token: choose token authentication and paste the token. Basic auth: enter the username and password (Brevo sends them as Authorization: Basic).",
    ],
  },
};

export const SOURCE_LABELS: Record<InboundSource, string> = {
  agent: "AI agent",
  calcom: "Cal.com",
  varda: "Varda",
  brevo: "Brevo",
};

export const AUTH_LABELS: Record<Connection["auth"], string> = {
  signature: "Signed requests",
  bearer: "Bearer token",
  basic: "Basic auth",
};

export const BREVO_URL_LABELS: Record<keyof BrevoWebhookUrls, string> = {
  meeting_booked: "Meeting booked",
  meeting_started: "Meeting started",
  meeting_cancelled: "Meeting cancelled",
  call_finished: "Call finished",
};

/** Every URL the owner pastes into the provider: Brevo has one per event, the others one. */
export function connectionUrls(c: Pick<Connection, "webhook_url" | "webhook_urls">): { label: string; url: string }[] {
  const urls = c.webhook_urls;
  if (!urls) return [{ label: "Webhook URL", url: c.webhook_url }];
  return (Object.keys(BREVO_URL_LABELS) as (keyof BrevoWebhookUrls)[]).map((k) => ({
    label: `${BREVO_URL_LABELS[k]} URL`,
    url: urls[k],
  }));
}

export function integrationsPath(org: string, rest = ""): string {
  return `/${org}/settings/integrations${rest}`;
}

export function inboundLogPath(org: string, filters: Record<string, string> = {}): string {
  const qs = new URLSearchParams(filters).toString();
  return integrationsPath(org, `/inbound${qs ? `?${qs}` : ""}`);
}
