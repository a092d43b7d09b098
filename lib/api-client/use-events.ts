"use client";

import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "./fetch-json";
import { useOrg } from "./org-context";
import { queryKeys } from "./query-keys";
import type { EventFilters, ReplayResult, WebhookEvent, WebhookEventDetail } from "./types";

const PAGE_SIZE = 25;
const PENDING_REFRESH_MS = 3_000;

type Page = { data: WebhookEvent[]; next_cursor: string | null };

export function useEvents(filters: EventFilters) {
  const org = useOrg();
  return useInfiniteQuery({
    queryKey: queryKeys.eventList(org, filters),
    queryFn: ({ pageParam }) =>
      fetchJson<Page>(org, "/events", { query: { ...filters, limit: PAGE_SIZE, cursor: pageParam ?? undefined } }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
  });
}

export function useEvent(id: string) {
  const org = useOrg();
  return useQuery({
    queryKey: queryKeys.event(org, id),
    queryFn: () => fetchJson<WebhookEventDetail>(org, `/events/${id}`),
    // Poll while a delivery (a replay, say) is in flight.
    refetchInterval: (query) =>
      query.state.data?.deliveries.some((d) => d.status === "pending") ? PENDING_REFRESH_MS : false,
  });
}

/** Replays an event to one endpoint, or to every endpoint subscribed now when `endpointId` is absent. */
export function useReplayEvent(eventId: string) {
  const org = useOrg();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (endpointId?: string) =>
      fetchJson<ReplayResult>(org, `/events/${eventId}/replay`, {
        method: "POST",
        body: endpointId ? { endpoint_id: endpointId } : {},
      }),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: queryKeys.events(org) });
      void qc.invalidateQueries({ queryKey: queryKeys.deliveries(org) });
    },
  });
}
