"use client";

import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "./fetch-json";
import { useOrg } from "./org-context";
import { queryKeys } from "./query-keys";
import type { Overview } from "./types";

/** The Overview's figures, counted in the browser's time zone. */
export function useOverview() {
  const org = useOrg();
  const tz = Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  return useQuery({
    queryKey: queryKeys.overview(org, tz),
    queryFn: () => fetchJson<Overview>(org, "/overview", { query: { tz } }),
    refetchInterval: 60_000,
  });
}
