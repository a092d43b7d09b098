"use client";

import { Bell } from "lucide-react";
import Link from "next/link";
import { Popover } from "radix-ui";
import { useState } from "react";
import { useMarkRead, useNotificationSummary } from "@/lib/api-client/use-notifications";
import { NotificationItem } from "./notification-item";

/** The header's bell: unread count, the latest alerts, mark read, and a link to the full list. */
export function NotificationBell({ slug }: { slug: string }) {
  const [open, setOpen] = useState(false);
  const summary = useNotificationSummary();
  const markRead = useMarkRead();
  const unread = summary.data?.unread_count ?? 0;
  const items = summary.data?.data ?? [];
  return (
    <Popover.Root open={open} onOpenChange={setOpen}>
      <Popover.Trigger
        className="relative rounded-md p-2 text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"
        aria-label={unread ? `Notifications, ${unread} unread` : "Notifications"}
      >
        <Bell aria-hidden className="size-5" />
        {unread ? (
          <span
            aria-hidden
            className="absolute -top-0.5 -right-0.5 flex h-5 min-w-5 items-center justify-center rounded-full bg-red-600 px-1 text-xs font-semibold text-white"
          >
            {unread > 99 ? "99+" : unread}
          </span>
        ) : null}
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content
          align="start"
          sideOffset={8}
          className="z-50 w-[min(24rem,calc(100vw-2rem))] rounded-lg border border-zinc-200 bg-white shadow-lg dark:border-zinc-800 dark:bg-zinc-900"
          aria-label="Notifications"
        >
          <div className="flex items-center justify-between border-b border-zinc-200 px-4 py-3 dark:border-zinc-800">
            <h2 className="text-sm font-semibold">Notifications</h2>
            <button
              type="button"
              className="text-sm font-medium text-brand-700 hover:underline disabled:text-zinc-500 disabled:no-underline dark:text-brand-100"
              disabled={!unread || markRead.isPending}
              onClick={() => markRead.mutate({ all: true })}
            >
              Mark all read
            </button>
          </div>
          <div className="max-h-96 divide-y divide-zinc-200 overflow-y-auto dark:divide-zinc-800">
            {summary.isPending ? (
              <p className="px-4 py-6 text-sm text-zinc-600 dark:text-zinc-400">Loading…</p>
            ) : summary.isError ? (
              <p className="px-4 py-6 text-sm text-red-700 dark:text-red-400">Could not load notifications.</p>
            ) : items.length === 0 ? (
              <p className="px-4 py-6 text-sm text-zinc-600 dark:text-zinc-400">
                No alerts. You hear here (and by email) when a webhook endpoint starts failing.
              </p>
            ) : (
              items.map((n) => (
                <NotificationItem
                  key={n.id}
                  n={n}
                  slug={slug}
                  compact
                  onOpen={(x) => {
                    if (!x.read) markRead.mutate({ ids: [x.id] });
                    setOpen(false);
                  }}
                />
              ))
            )}
          </div>
          <div className="border-t border-zinc-200 px-4 py-2 text-right dark:border-zinc-800">
            <Link
              href={`/${slug}/notifications`}
              onClick={() => setOpen(false)}
              className="text-sm font-medium text-brand-700 hover:underline dark:text-brand-100"
            >
              View all notifications
            </Link>
          </div>
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
