"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "./fetch-json";
import { useOrg } from "./org-context";
import { queryKeys } from "./query-keys";
import type { CreatedEndpoint, Endpoint, StatsBucket, StatsRange } from "./types";

export type EndpointInput = { url: string; description?: string; event_types: string[] };

export function useEndpoints() {
  const org = useOrg();
  return useQuery({
    queryKey: queryKeys.endpoints(org),
    queryFn: async () => (await fetchJson<{ data: Endpoint[] }>(org, "/webhook-endpoints")).data,
  });
}

export function useEndpoint(id: string) {
  const org = useOrg();
  return useQuery({
    queryKey: queryKeys.endpoint(org, id),
    queryFn: async () => (await fetchJson<{ endpoint: Endpoint }>(org, `/webhook-endpoints/${id}`)).endpoint,
  });
}

export function useEndpointStats(id: string, range: StatsRange) {
  const org = useOrg();
  return useQuery({
    queryKey: queryKeys.stats(org, id, range),
    queryFn: () =>
      fetchJson<{ range: StatsRange; buckets: StatsBucket[] }>(org, `/webhook-endpoints/${id}/stats`, {
        query: { range },
      }),
    refetchInterval: 30_000,
  });
}

export function useCreateEndpoint() {
  const org = useOrg();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: EndpointInput) =>
      fetchJson<CreatedEndpoint>(org, "/webhook-endpoints", { method: "POST", body: input }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: queryKeys.endpoints(org) });
      void qc.invalidateQueries({ queryKey: queryKeys.deliveries(org) });
    },
  });
}

export function useUpdateEndpoint(id: string) {
  const org = useOrg();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (patch: Partial<EndpointInput> & { enabled?: boolean }) =>
      fetchJson<{ endpoint: Endpoint }>(org, `/webhook-endpoints/${id}`, { method: "PATCH", body: patch }),
    // Optimistic: the toggle flips at once and rolls back if the server refuses.
    onMutate: async (patch) => {
      const key = queryKeys.endpoint(org, id);
      await qc.cancelQueries({ queryKey: key });
      const previous = qc.getQueryData<Endpoint>(key);
      if (previous)
        qc.setQueryData<Endpoint>(key, { ...previous, ...patch, ...(patch.enabled ? { disabled_reason: null } : {}) });
      return { previous };
    },
    onError: (_err, _patch, context) => {
      if (context?.previous) qc.setQueryData(queryKeys.endpoint(org, id), context.previous);
    },
    onSuccess: ({ endpoint }) => {
      const previous = qc.getQueryData<Endpoint>(queryKeys.endpoint(org, id));
      qc.setQueryData<Endpoint>(queryKeys.endpoint(org, id), { ...endpoint, stats: previous?.stats });
    },
    onSettled: () => void qc.invalidateQueries({ queryKey: queryKeys.endpoints(org) }),
  });
}

export function useDeleteEndpoint(id: string) {
  const org = useOrg();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => fetchJson<void>(org, `/webhook-endpoints/${id}`, { method: "DELETE" }),
    onSuccess: () => {
      qc.removeQueries({ queryKey: queryKeys.endpoint(org, id) });
      void qc.invalidateQueries({ queryKey: queryKeys.endpoints(org) });
      void qc.invalidateQueries({ queryKey: queryKeys.deliveries(org) });
    },
  });
}
