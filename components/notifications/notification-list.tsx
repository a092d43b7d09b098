"use client";

import { BellOff } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { LoadMore } from "@/components/ui/load-more";
import { Skeleton } from "@/components/ui/skeleton";
import { useMarkRead, useNotifications } from "@/lib/api-client/use-notifications";
import { NotificationItem } from "./notification-item";

/** The organization's alert feed, newest first, with "unread only" and mark read. */
export function NotificationList({ slug }: { slug: string }) {
  const [unreadOnly, setUnreadOnly] = useState(false);
  const query = useNotifications(unreadOnly);
  const markRead = useMarkRead();
  const items = query.data?.pages.flatMap((p) => p.data) ?? [];
  const unread = query.data?.pages[0]?.unread_count ?? 0;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div
          role="group"
          aria-label="Show"
          className="inline-flex rounded-md border border-zinc-300 p-0.5 dark:border-zinc-700"
        >
          {[false, true].map((only) => (
            <button
              key={String(only)}
              type="button"
              aria-pressed={unreadOnly === only}
              onClick={() => setUnreadOnly(only)}
              className="rounded px-3 py-1 text-sm aria-pressed:bg-zinc-900 aria-pressed:text-white dark:aria-pressed:bg-zinc-100 dark:aria-pressed:text-zinc-900"
            >
              {only ? `Unread (${unread})` : "All"}
            </button>
          ))}
        </div>
        <Button
          variant="secondary"
          size="sm"
          disabled={!unread || markRead.isPending}
          onClick={() => markRead.mutate({ all: true })}
        >
          Mark all read
        </Button>
      </div>
      {query.isPending ? (
        <Card className="space-y-3 p-4">
          <Skeleton className="h-12" />
          <Skeleton className="h-12" />
          <Skeleton className="h-12" />
        </Card>
      ) : query.isError ? (
        <ErrorState what="notifications" error={query.error} onRetry={() => void query.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState icon={BellOff} title={unreadOnly ? "Nothing unread" : "No notifications yet"}>
          When a webhook endpoint starts failing, is disabled, or recovers, it shows up here and owners and admins get
          an email.
        </EmptyState>
      ) : (
        <Card>
          <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
            {items.map((n) => (
              <li key={n.id} className="flex items-center">
                <div className="min-w-0 flex-1">
                  <NotificationItem n={n} slug={slug} onOpen={(x) => !x.read && markRead.mutate({ ids: [x.id] })} />
                </div>
                {!n.read ? (
                  <Button
                    variant="ghost"
                    size="sm"
                    className="mr-3"
                    onClick={() => markRead.mutate({ ids: [n.id] })}
                    aria-label={`Mark read: ${n.title}`}
                  >
                    Mark read
                  </Button>
                ) : null}
              </li>
            ))}
          </ul>
        </Card>
      )}
      <LoadMore query={query} />
    </div>
  );
}
