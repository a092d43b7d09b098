"use client";

import { RotateCw, X } from "lucide-react";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Modal } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toaster";
import { errorMessage } from "@/lib/api-client/fetch-json";
import type { DeliveryFilters, Job } from "@/lib/api-client/types";
import { useCountRetryable, useJob, useResumableJob, useStartBulkRetry } from "@/lib/api-client/use-bulk-retry";

/**
 * "Retry all matching": counts the failed deliveries the log's filters match, asks with that
 * count, then starts a background job and shows its progress until it is done. A job still
 * running, or failed lately, is shown on arrival too.
 */
export function BulkRetry({ filters }: { filters: DeliveryFilters }) {
  const count = useCountRetryable();
  const start = useStartBulkRetry();
  const notify = useToast();
  const [open, setOpen] = useState(false);
  const [startedId, setStartedId] = useState<string | null>(null);
  // The job found on arrival, until this page starts one or it is dismissed.
  const [showResumable, setShowResumable] = useState(true);
  const resumable = useResumableJob().data;
  const jobId = startedId ?? (showResumable && resumable ? resumable.id : null);
  const job = useJob(jobId);
  const retryable = { ...filters, status: "failed" as const };
  const total = count.data?.total;
  return (
    <div className="space-y-3">
      <Button
        variant="secondary"
        disabled={count.isPending || job.data?.status === "running"}
        onClick={() =>
          count.mutate(retryable, {
            onSuccess: () => setOpen(true),
            onError: (err) =>
              notify({ tone: "error", title: "Could not count deliveries", description: errorMessage(err) }),
          })
        }
      >
        <RotateCw aria-hidden className="size-4" /> {count.isPending ? "Counting…" : "Retry all matching"}
      </Button>
      <Modal
        open={open}
        onOpenChange={setOpen}
        title={
          total ? `Retry ${total.toLocaleString()} failed deliver${total === 1 ? "y" : "ies"}?` : "Nothing to retry"
        }
        description={
          total
            ? "Every failed delivery matching these filters goes out again on the full retry schedule, in the background. Deliveries that succeed meanwhile are skipped."
            : "No failed delivery matches these filters (deliveries to disabled endpoints and test pings are not retried)."
        }
      >
        {start.error ? (
          <Alert tone="danger" role="alert" className="mb-4">
            {errorMessage(start.error)}
          </Alert>
        ) : null}
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button variant="secondary" onClick={() => setOpen(false)}>
            {total ? "Cancel" : "Close"}
          </Button>
          {total ? (
            <Button
              disabled={start.isPending}
              onClick={() =>
                start.mutate(retryable, {
                  onSuccess: ({ job: started }) => {
                    setStartedId(started.id);
                    setShowResumable(false);
                    setOpen(false);
                  },
                })
              }
            >
              {start.isPending ? "Starting…" : `Retry ${total.toLocaleString()}`}
            </Button>
          ) : null}
        </div>
      </Modal>
      {jobId && job.data ? (
        <JobProgress
          job={job.data}
          onDismiss={() => {
            setStartedId(null);
            setShowResumable(false);
          }}
        />
      ) : null}
    </div>
  );
}

function JobProgress({ job, onDismiss }: { job: Job; onDismiss: () => void }) {
  const pct = job.total ? Math.min(100, Math.round((job.done / job.total) * 100)) : 100;
  const label =
    job.status === "running"
      ? `Re-queuing failed deliveries: ${job.done.toLocaleString()} of ${job.total.toLocaleString()}`
      : job.status === "succeeded"
        ? `Re-queued ${job.done.toLocaleString()} deliveries; they are being sent now.`
        : `Stopped after ${job.done.toLocaleString()} of ${job.total.toLocaleString()}: ${job.error ?? "unknown error"}`;
  return (
    <div
      className="rounded-md border border-zinc-200 p-3 dark:border-zinc-800"
      data-testid="bulk-retry-progress"
      data-status={job.status}
    >
      <div className="flex items-start justify-between gap-3">
        <p aria-live="polite" className="text-sm">
          {label}
        </p>
        {job.status !== "running" ? (
          <button
            type="button"
            onClick={onDismiss}
            aria-label="Dismiss"
            className="rounded-md p-1 text-zinc-500 hover:bg-zinc-100 dark:text-zinc-400 dark:hover:bg-zinc-800"
          >
            <X aria-hidden className="size-4" />
          </button>
        ) : null}
      </div>
      <div
        role="progressbar"
        aria-label="Bulk retry progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        className="mt-2 h-2 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800"
      >
        <div
          className={job.status === "failed" ? "h-full bg-red-600" : "h-full bg-brand-600 transition-[width]"}
          style={{ width: `${pct}%` }}
        />
      </div>
    </div>
  );
}
