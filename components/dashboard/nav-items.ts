import {
  ArrowDownToLine,
  BellRing,
  BookOpen,
  CalendarDays,
  FileCode2,
  Home,
  KeyRound,
  ListChecks,
  MessagesSquare,
  Plug,
  Users,
  UserSquare,
  Webhook,
} from "lucide-react";

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
      { href: "/settings/notifications", label: "Notifications", icon: BellRing },
    ],
  },
  {
    label: "Developers",
    items: [
      { href: "/settings/integrations/webhooks/deliveries", label: "Delivery log", icon: ListChecks },
      { href: "/settings/integrations/inbound", label: "Inbound log", icon: ArrowDownToLine },
      { href: "/docs/events", label: "Event catalogue", icon: BookOpen },
      { href: "/docs/api", label: "API reference", icon: FileCode2 },
    ],
  },
] as const;
