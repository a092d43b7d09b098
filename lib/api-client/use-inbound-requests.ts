"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { fetchJson } from "./fetch-json";
import { useOrg } from "./org-context";
import { queryKeys } from "./query-keys";
import type { InboundFilters, InboundRequest } from "./types";

type Page = { data: InboundRequest[]; next_cursor: string | null };
type Options = { pageSize?: number; refreshMs?: number | false };

/** The inbound log, newest first, a keyset page at a time; `refreshMs` polls while set. */
export function useInboundRequests(filters: InboundFilters, { pageSize = 25, refreshMs = false }: Options = {}) {
  const org = useOrg();
  return useInfiniteQuery({
    queryKey: queryKeys.inboundList(org, filters, pageSize),
    queryFn: ({ pageParam }) =>
      fetchJson<Page>(org, "/inbound-requests", {
        query: { ...filters, limit: pageSize, cursor: pageParam ?? undefined },
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
    refetchInterval: refreshMs,
  });
}
