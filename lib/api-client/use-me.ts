"use client";

import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "./fetch-json";
import { useOrg } from "./org-context";
import { queryKeys } from "./query-keys";
import type { Me } from "./types";

export function useMe() {
  const org = useOrg();
  return useQuery({ queryKey: queryKeys.me(org), queryFn: () => fetchJson<Me>(org, "/me"), staleTime: 60_000 });
}

/** False until /me answers, so members never see a control flash up and disappear. */
export function useCanManage(): boolean {
  return useMe().data?.can_manage ?? false;
}
