"use client";

import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "./fetch-json";
import { useOrg } from "./org-context";
import { queryKeys } from "./query-keys";
import type { EventType } from "./types";

export function useEventTypes() {
  const org = useOrg();
  return useQuery({
    queryKey: queryKeys.eventTypes(org),
    queryFn: async () => (await fetchJson<{ data: EventType[] }>(org, "/event-types")).data,
    staleTime: Infinity,
  });
}

/** Event types grouped by area, in catalogue order. */
export function groupByArea(types: EventType[]): [string, EventType[]][] {
  const groups = new Map<string, EventType[]>();
  for (const t of types) groups.set(t.area, [...(groups.get(t.area) ?? []), t]);
  return [...groups];
}
