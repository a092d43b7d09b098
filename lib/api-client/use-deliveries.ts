"use client";

import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { awaitingNewDeliveries } from "./expect-deliveries";
import { fetchJson } from "./fetch-json";
import { useOrg } from "./org-context";
import { queryKeys } from "./query-keys";
import type { Delivery, DeliveryDetail, DeliveryFilters, RetryResult } from "./types";

const PAGE_SIZE = 25;
const PENDING_REFRESH_MS = 3_000;

type Page = { data: Delivery[]; next_cursor: string | null };

export function useDeliveries(filters: DeliveryFilters) {
  const org = useOrg();
  return useInfiniteQuery({
    queryKey: queryKeys.deliveryList(org, filters),
    queryFn: ({ pageParam }) =>
      fetchJson<Page>(org, "/deliveries", { query: { ...filters, limit: PAGE_SIZE, cursor: pageParam ?? undefined } }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
    // Poll only while something is in flight (or about to appear), so an idle log costs nothing.
    refetchInterval: (query) =>
      awaitingNewDeliveries() || query.state.data?.pages.some((p) => p.data.some((d) => d.status === "pending"))
        ? PENDING_REFRESH_MS
        : false,
  });
}

export function useDelivery(id: string) {
  const org = useOrg();
  return useQuery({
    queryKey: queryKeys.delivery(org, id),
    queryFn: () => fetchJson<DeliveryDetail>(org, `/deliveries/${id}`),
    refetchInterval: (query) => (query.state.data?.delivery.status === "pending" ? PENDING_REFRESH_MS : false),
  });
}

export function useRetryDelivery() {
  const org = useOrg();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => fetchJson<RetryResult>(org, `/deliveries/${id}/retry`, { method: "POST" }),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: queryKeys.deliveries(org) });
      void qc.invalidateQueries({ queryKey: queryKeys.endpoints(org) });
    },
  });
}
