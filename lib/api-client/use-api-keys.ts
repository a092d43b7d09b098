"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "./fetch-json";
import { useOrg } from "./org-context";
import { queryKeys } from "./query-keys";
import type { ApiKey, NewApiKey } from "./types";

export function useApiKeys() {
  const org = useOrg();
  return useQuery({
    queryKey: queryKeys.apiKeys(org),
    queryFn: async () => (await fetchJson<{ data: ApiKey[] }>(org, "/api-keys")).data,
  });
}

export function useCreateApiKey() {
  const org = useOrg();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: NewApiKey) =>
      fetchJson<{ api_key: ApiKey; key: string }>(org, "/api-keys", { method: "POST", body }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: queryKeys.apiKeys(org) }),
  });
}

export function useRevokeApiKey() {
  const org = useOrg();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => fetchJson<void>(org, `/api-keys/${id}`, { method: "DELETE" }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: queryKeys.apiKeys(org) }),
  });
}
