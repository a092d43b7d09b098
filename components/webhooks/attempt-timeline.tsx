"use client";

import { CircleCheck, CircleX, Clock } from "lucide-react";
import { RelativeTime, formatAbsolute } from "@/components/ui/relative-time";
import type { Attempt, Delivery } from "@/lib/api-client/types";
import { HttpExchange } from "./http-exchange";

const TRIGGERS: Record<string, string> = {
  scheduled: "Scheduled",
  manual: "Manual retry",
  test: "Test ping",
  recover: "Recovery",
};

export function AttemptTimeline({ attempts, delivery }: { attempts: Attempt[]; delivery: Delivery }) {
  return (
    <ol className="relative space-y-6 border-l border-zinc-200 pl-6 dark:border-zinc-800">
      {attempts.length === 0 && delivery.status === "pending" ? (
        <li className="text-sm text-zinc-600 dark:text-zinc-400">No attempt yet: the first one is queued.</li>
      ) : null}
      {attempts.map((a, i) => (
        <li key={a.id} className="relative">
          <span className="absolute top-0.5 -left-[33px] rounded-full bg-white dark:bg-zinc-900">
            {a.succeeded ? (
              <CircleCheck aria-hidden className="size-4 text-emerald-600" />
            ) : (
              <CircleX aria-hidden className="size-4 text-red-600" />
            )}
          </span>
          <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
            <h3 className="text-sm font-semibold">
              Attempt {a.attempt_number}
              <span className="sr-only">{a.succeeded ? ", succeeded" : ", failed"}</span>
            </h3>
            <span className="text-xs text-zinc-500 dark:text-zinc-400">{TRIGGERS[a.trigger] ?? a.trigger}</span>
            <span className="text-xs text-zinc-600 dark:text-zinc-400">
              <RelativeTime iso={a.started_at} /> · {a.duration_ms} ms
            </span>
          </div>
          <p className="mt-1 text-sm">
            {a.response ? (
              <>
                Response <strong className="font-mono">{a.response.status}</strong>
              </>
            ) : a.error ? (
              <span className="text-red-700 dark:text-red-400">
                {a.error.message} <span className="font-mono text-xs">({a.error.kind})</span>
              </span>
            ) : (
              "No response"
            )}
          </p>
          {a.advice ? (
            <p className="mt-1 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100">
              {a.advice}
            </p>
          ) : null}
          <HttpExchange attempt={a} defaultOpen={i === attempts.length - 1} />
        </li>
      ))}
      {delivery.status === "pending" && delivery.next_attempt_at ? (
        <li className="relative">
          <span className="absolute top-0.5 -left-[33px] rounded-full bg-white dark:bg-zinc-900">
            <Clock aria-hidden className="size-4 text-amber-600" />
          </span>
          <p className="text-sm">
            Next attempt due <RelativeTime iso={delivery.next_attempt_at} />{" "}
            <span className="text-xs text-zinc-500 dark:text-zinc-400">
              ({formatAbsolute(delivery.next_attempt_at)})
            </span>
          </p>
        </li>
      ) : null}
      {delivery.status === "failed" ? (
        <li className="text-sm text-zinc-600 dark:text-zinc-400">
          {delivery.last_error ? (
            <span className="block text-red-700 dark:text-red-400">Failed: {delivery.last_error}</span>
          ) : null}
          No more automatic attempts. Fix the cause, then use “Retry now”.
        </li>
      ) : null}
    </ol>
  );
}
