"use client";

import { AlertTriangle, CheckCircle2, CircleSlash, XCircle } from "lucide-react";
import Link from "next/link";
import { RelativeTime } from "@/components/ui/relative-time";
import type { Notification } from "@/lib/api-client/use-notifications";
import { cn } from "@/lib/cn";

const ICONS = {
  exhausted: { icon: XCircle, className: "text-red-600 dark:text-red-400" },
  failing_50: { icon: AlertTriangle, className: "text-amber-600 dark:text-amber-400" },
  failing_90: { icon: AlertTriangle, className: "text-red-600 dark:text-red-400" },
  disabled: { icon: CircleSlash, className: "text-red-700 dark:text-red-400" },
  recovered: { icon: CheckCircle2, className: "text-emerald-600 dark:text-emerald-400" },
} as const;

/** One alert: icon by level, title linking to the endpoint, body, time; unread ones are marked. */
export function NotificationItem({
  n,
  slug,
  onOpen,
  compact = false,
}: {
  n: Notification;
  slug: string;
  onOpen?: (n: Notification) => void;
  compact?: boolean;
}) {
  const { icon: Icon, className } = ICONS[n.level];
  return (
    <div className={cn("flex gap-3 px-4 py-3", !n.read && "bg-brand-50/60 dark:bg-brand-700/10")}>
      <Icon aria-hidden className={cn("mt-0.5 size-5 shrink-0", className)} />
      <div className="min-w-0 flex-1">
        <Link
          href={`/${slug}${n.link}`}
          onClick={() => onOpen?.(n)}
          className="block text-sm font-medium break-words hover:underline"
        >
          {!n.read ? <span className="sr-only">Unread: </span> : null}
          {n.title}
        </Link>
        <p className={cn("mt-0.5 text-sm text-zinc-600 dark:text-zinc-400", compact && "line-clamp-2")}>{n.body}</p>
        <RelativeTime iso={n.created_at} className="mt-1 block text-xs text-zinc-600 dark:text-zinc-400" />
      </div>
      {!n.read ? <span aria-hidden className="mt-1.5 size-2 shrink-0 rounded-full bg-brand-600" /> : null}
    </div>
  );
}
