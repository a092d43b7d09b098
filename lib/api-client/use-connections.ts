"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "./fetch-json";
import { useOrg } from "./org-context";
import { queryKeys } from "./query-keys";
import type { Connection, ConnectionInput, CreatedConnection } from "./types";

export function useConnections() {
  const org = useOrg();
  return useQuery({
    queryKey: queryKeys.connections(org),
    queryFn: async () => (await fetchJson<{ data: Connection[] }>(org, "/integrations/connections")).data,
  });
}

export function useCreateConnection() {
  const org = useOrg();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: ConnectionInput) =>
      fetchJson<CreatedConnection>(org, "/integrations/connections", { method: "POST", body: input }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: queryKeys.connections(org) }),
  });
}

export function useDeleteConnection() {
  const org = useOrg();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => fetchJson<void>(org, `/integrations/connections/${id}`, { method: "DELETE" }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: queryKeys.connections(org) });
      void qc.invalidateQueries({ queryKey: queryKeys.inboundRequests(org) });
    },
  });
}
