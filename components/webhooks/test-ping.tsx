"use client";

import { Send } from "lucide-react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { errorMessage } from "@/lib/api-client/fetch-json";
import { useTestPing } from "@/lib/api-client/use-endpoint-actions";
import { PingResult } from "./ping-result";

export function TestPing({ id }: { id: string }) {
  const ping = useTestPing(id);
  return (
    <div className="space-y-3">
      <Button variant="secondary" onClick={() => ping.mutate()} disabled={ping.isPending}>
        <Send aria-hidden className="size-4" /> {ping.isPending ? "Sending test ping…" : "Send test ping"}
      </Button>
      <div aria-live="polite">
        {ping.data ? <PingResult ping={ping.data} /> : null}
        {ping.error ? (
          <Alert tone="danger" role="alert">
            {errorMessage(ping.error)}
          </Alert>
        ) : null}
      </div>
    </div>
  );
}
