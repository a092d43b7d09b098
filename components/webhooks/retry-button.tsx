"use client";

import { RotateCw } from "lucide-react";
import { Button } from "@/components/ui/button";
import { useToast } from "@/components/ui/toaster";
import { errorMessage } from "@/lib/api-client/fetch-json";
import { useRetryDelivery } from "@/lib/api-client/use-deliveries";

/** Retries one delivery now and says what happened, with advice when it failed again. */
export function RetryButton({ id, size = "sm" }: { id: string; size?: "sm" | "md" }) {
  const retry = useRetryDelivery();
  const notify = useToast();
  return (
    <Button
      variant="secondary"
      size={size}
      disabled={retry.isPending}
      onClick={() =>
        retry.mutate(id, {
          onSuccess: ({ outcome }) =>
            outcome.succeeded
              ? notify({
                  tone: "success",
                  title: "Delivered",
                  description: `Your endpoint answered ${outcome.status_code}.`,
                })
              : notify({
                  tone: "error",
                  title: outcome.status_code
                    ? `Failed again: ${outcome.status_code}`
                    : `Failed again: ${outcome.error?.message ?? "no response"}`,
                  description: outcome.advice ?? undefined,
                }),
          onError: (err) => notify({ tone: "error", title: "Could not retry", description: errorMessage(err) }),
        })
      }
    >
      <RotateCw aria-hidden className={retry.isPending ? "size-4 animate-spin" : "size-4"} />
      {retry.isPending ? "Retrying…" : "Retry now"}
    </Button>
  );
}
