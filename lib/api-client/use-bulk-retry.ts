"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { fetchJson } from "./fetch-json";
import { useOrg } from "./org-context";
import { queryKeys } from "./query-keys";
import type { DeliveryFilters, Job } from "./types";

const PROGRESS_REFRESH_MS = 1_000;

/** How many failed deliveries "Retry all matching" would retry (the API's dry run). */
export function useCountRetryable() {
  const org = useOrg();
  return useMutation({
    mutationFn: (filters: DeliveryFilters) =>
      fetchJson<{ total: number }>(org, "/deliveries/retry", { method: "POST", body: { ...filters, dry_run: true } }),
  });
}

export function useStartBulkRetry() {
  const org = useOrg();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (filters: DeliveryFilters) =>
      fetchJson<{ job: Job }>(org, "/deliveries/retry", { method: "POST", body: filters }),
    // The delivery log opened again later (without a reload) shows the new job, not the one it read first.
    onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.jobs(org) }),
  });
}

/** A failed job's reason stays on the delivery log this long, whoever reloads it. */
const FAILED_SHOWN_MS = 24 * 60 * 60 * 1000;

/**
 * The organization's newest job if it still runs or failed in the last day, read once, so the
 * delivery log shows its progress or its reason after a reload (the sweep may fail a job whose
 * run was lost long after it was started).
 */
export function useResumableJob() {
  const org = useOrg();
  return useQuery({
    queryKey: queryKeys.jobs(org),
    queryFn: async () => {
      const [newest] = (await fetchJson<{ data: Job[] }>(org, "/jobs")).data;
      const failedLately =
        newest?.status === "failed" && Date.now() - Date.parse(newest.completed_at ?? "") < FAILED_SHOWN_MS;
      return newest?.status === "running" || failedLately ? newest : null;
    },
    staleTime: Infinity,
  });
}

/** A job's progress, polled while it runs; the delivery log refreshes as it moves. */
export function useJob(id: string | null) {
  const org = useOrg();
  const qc = useQueryClient();
  return useQuery({
    queryKey: queryKeys.job(org, id ?? ""),
    enabled: id !== null,
    queryFn: async () => {
      const { job } = await fetchJson<{ job: Job }>(org, `/jobs/${id}`);
      void qc.invalidateQueries({ queryKey: queryKeys.deliveries(org) });
      return job;
    },
    refetchInterval: (query) =>
      query.state.data?.status === "succeeded" || query.state.data?.status === "failed" ? false : PROGRESS_REFRESH_MS,
  });
}
