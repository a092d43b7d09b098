"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { expectNewDeliveries } from "./expect-deliveries";
import { fetchJson } from "./fetch-json";
import { useOrg } from "./org-context";
import { queryKeys } from "./query-keys";
import type { Ping } from "./types";

// Every action below may add deliveries, so each refreshes the log and the endpoint's stats.
function useRefreshAfter(id: string) {
  const org = useOrg();
  const qc = useQueryClient();
  return () => {
    expectNewDeliveries();
    void qc.invalidateQueries({ queryKey: queryKeys.deliveries(org) });
    void qc.invalidateQueries({ queryKey: queryKeys.endpoint(org, id) });
    void qc.invalidateQueries({ queryKey: queryKeys.endpoints(org) });
  };
}

export function useTestPing(id: string) {
  const org = useOrg();
  const onSettled = useRefreshAfter(id);
  return useMutation({
    mutationFn: () => fetchJson<Ping>(org, `/webhook-endpoints/${id}/test`, { method: "POST" }),
    onSettled,
  });
}

export function useSendSample(id: string) {
  const org = useOrg();
  const onSettled = useRefreshAfter(id);
  return useMutation({
    mutationFn: (eventType: string) =>
      fetchJson<{ event_id: string; delivery_ids: string[] }>(org, `/webhook-endpoints/${id}/send-sample`, {
        method: "POST",
        body: { event_type: eventType },
      }),
    onSettled,
  });
}

export function useRecover(id: string) {
  const org = useOrg();
  const onSettled = useRefreshAfter(id);
  return useMutation({
    mutationFn: (since: string) =>
      fetchJson<{ recovered: number }>(org, `/webhook-endpoints/${id}/recover`, { method: "POST", body: { since } }),
    onSettled,
  });
}

export function useRevealSecret(id: string) {
  const org = useOrg();
  return useMutation({
    mutationFn: () => fetchJson<{ secret: string }>(org, `/webhook-endpoints/${id}/secret/reveal`, { method: "POST" }),
  });
}

export function useRotateSecret(id: string) {
  const org = useOrg();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () =>
      fetchJson<{ secret: string; previous_secret_expires_at: string | null }>(
        org,
        `/webhook-endpoints/${id}/rotate-secret`,
        { method: "POST" },
      ),
    onSuccess: () => void qc.invalidateQueries({ queryKey: queryKeys.endpoint(org, id) }),
  });
}
