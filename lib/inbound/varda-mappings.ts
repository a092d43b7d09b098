import type { LeadChannel, LeadStatus } from "./inbound-schema-parts";

const CHANNEL_ALIASES: Record<string, LeadChannel> = {
  phone: "phone",
  voice: "phone",
  call: "phone",
  telephone: "phone",
  whatsapp: "whatsapp",
  sms: "sms",
  mms: "sms",
  text: "sms",
  email: "email",
  mail: "email",
  telegram: "telegram",
  webchat: "webchat",
  chat: "webchat",
  livechat: "webchat",
  web: "webchat",
  website: "webchat",
  widget: "webchat",
};

/**
 * Varda's `channel_type` → our lead channel. Unknown or missing types (Facebook, Instagram, a
 * channel Varda adds later) become "webchat": Varda reports calls as "phone", so anything else is
 * a written, online conversation, and "webchat" is our closest kind of that.
 */
export const VARDA_DEFAULT_CHANNEL: LeadChannel = "webchat";

export function vardaChannel(channelType: string | null | undefined): LeadChannel {
  const key = (channelType ?? "").toLowerCase().replace(/[^a-z]/g, "");
  return CHANNEL_ALIASES[key] ?? VARDA_DEFAULT_CHANNEL;
}

const OUTCOME_STATUS: Record<string, LeadStatus> = {
  booked: "booked",
  quoted: "contacted",
  follow_up: "contacted",
  not_interested: "lost",
  spam: "lost",
  wrong_number: "lost",
};

/** The mapping; no_answer, other and outcome types we do not know leave the status alone (null). */
export function vardaOutcomeLeadStatus(outcomeType: string): LeadStatus | null {
  return OUTCOME_STATUS[outcomeType.toLowerCase()] ?? null;
}
