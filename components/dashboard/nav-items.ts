import { Building2, CalendarDays, Home, KeyRound, MessagesSquare, Plug, Users, UserSquare, Webhook } from "lucide-react";

export const NAV_SECTIONS = [
  {
    label: null,
    items: [
      { href: "", label: "Overview", icon: Home },
      { href: "/leads", label: "Leads", icon: UserSquare },
      { href: "/bookings", label: "Bookings", icon: CalendarDays },
      { href: "/conversations", label: "Conversations", icon: MessagesSquare },
    ],
  },
  {
    label: "Settings",
    items: [
      { href: "/settings/integrations", label: "Integrations", icon: Plug },
      { href: "/settings/integrations/webhooks", label: "Webhooks", icon: Webhook },
      { href: "/settings/api-keys", label: "API keys", icon: KeyRound },
      { href: "/settings/members", label: "Members", icon: Users },
    ],
  },
] as const;

export const ORG_ICON = Building2;
