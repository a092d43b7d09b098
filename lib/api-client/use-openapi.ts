"use client";

import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "./fetch-json";
import { useOrg } from "./org-context";
import { queryKeys } from "./query-keys";

export type OpenApiDocument = {
  info?: { title?: string; version?: string; description?: string };
  paths?: Record<string, Record<string, unknown>>;
  components?: { schemas?: Record<string, unknown> };
};

export function useOpenApi() {
  const org = useOrg();
  return useQuery({
    queryKey: queryKeys.openapi(org),
    queryFn: () => fetchJson<OpenApiDocument>(org, "/openapi.json"),
    staleTime: Infinity,
  });
}
