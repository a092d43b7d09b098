"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState } from "react";
import { Toaster } from "@/components/ui/toaster";
import { ApiError } from "@/lib/api-client/fetch-json";
import { OrgProvider } from "@/lib/api-client/org-context";

// 4xx answers are final (validation, permission, not found); retrying them only delays the message.
function shouldRetry(count: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return count < 2;
}

export function Providers({ org, children }: { org: string; children: React.ReactNode }) {
  const [client] = useState(
    () =>
      new QueryClient({
        defaultOptions: { queries: { staleTime: 5_000, retry: shouldRetry, refetchOnWindowFocus: true } },
      }),
  );
  return (
    <QueryClientProvider client={client}>
      <OrgProvider value={org}>
        <Toaster>{children}</Toaster>
      </OrgProvider>
    </QueryClientProvider>
  );
}
