"use client";

import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { NotificationJson } from "@/lib/alerts/notification-schemas";
import { fetchJson } from "./fetch-json";
import { useOrg } from "./org-context";
import { queryKeys } from "./query-keys";

export type Notification = NotificationJson;
type Page = { data: Notification[]; unread_count: number; next_cursor: string | null };

/** The bell polls this gently: alerts arrive from the delivery engine, not from this tab. */
const BELL_REFRESH_MS = 30_000;

export function useNotificationSummary() {
  const org = useOrg();
  return useQuery({
    queryKey: queryKeys.notificationSummary(org),
    queryFn: () => fetchJson<Page>(org, "/notifications", { query: { limit: 8 } }),
    refetchInterval: BELL_REFRESH_MS,
  });
}

export function useNotifications(unreadOnly: boolean) {
  const org = useOrg();
  return useInfiniteQuery({
    queryKey: queryKeys.notificationList(org, unreadOnly),
    queryFn: ({ pageParam }) =>
      fetchJson<Page>(org, "/notifications", {
        query: { limit: 20, cursor: pageParam ?? undefined, unread: unreadOnly ? "true" : undefined },
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
  });
}

export function useMarkRead() {
  const org = useOrg();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (which: { ids: string[] } | { all: true }) =>
      fetchJson<{ marked: number }>(org, "/notifications/read", { method: "POST", body: which }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: queryKeys.notifications(org) }),
  });
}

type Preference = { email_alerts: boolean; receives_alerts: boolean };

export function useAlertPreference() {
  const org = useOrg();
  return useQuery({
    queryKey: queryKeys.alertPreference(org),
    queryFn: () => fetchJson<Preference>(org, "/me/alert-preferences"),
  });
}

export function useSetAlertPreference() {
  const org = useOrg();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (emailAlerts: boolean) =>
      fetchJson<Preference>(org, "/me/alert-preferences", { method: "PATCH", body: { email_alerts: emailAlerts } }),
    onSuccess: (data) => qc.setQueryData(queryKeys.alertPreference(org), data),
  });
}
