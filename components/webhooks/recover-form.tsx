"use client";

import { History } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { useToast } from "@/components/ui/toaster";
import { errorMessage } from "@/lib/api-client/fetch-json";
import { useRecover } from "@/lib/api-client/use-endpoint-actions";

// A datetime-local value ("2026-03-07T10:00") in the browser's own time zone.
function localInputValue(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** "Recover failed since…": re-queues this endpoint's failed deliveries created after a time. */
export function RecoverForm({ id }: { id: string }) {
  const recover = useRecover(id);
  const notify = useToast();
  const [since, setSince] = useState(() => localInputValue(new Date(Date.now() - 24 * 3600_000)));
  function submit(e: React.FormEvent) {
    e.preventDefault();
    recover.mutate(new Date(since).toISOString(), {
      onSuccess: ({ recovered }) =>
        notify({
          tone: "success",
          title: recovered
            ? `Re-sending ${recovered} failed deliver${recovered === 1 ? "y" : "ies"}`
            : "No failed deliveries since then",
        }),
      onError: (err) => notify({ tone: "error", title: "Recovery failed", description: errorMessage(err) }),
    });
  }
  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-2">
      <div className="space-y-1">
        <label htmlFor="recover-since" className="block text-xs font-medium text-zinc-600 dark:text-zinc-400">
          Recover failed since
        </label>
        <Input
          id="recover-since"
          type="datetime-local"
          required
          value={since}
          onChange={(e) => setSince(e.target.value)}
          className="h-8 w-auto"
        />
      </div>
      <Button type="submit" size="sm" variant="secondary" disabled={recover.isPending || !since}>
        <History aria-hidden className="size-4" /> {recover.isPending ? "Recovering…" : "Recover"}
      </Button>
    </form>
  );
}
