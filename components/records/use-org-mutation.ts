"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";

/** Calls an /api/v1 mutation for the current organization, then refreshes the server-rendered page. */
export function useOrgMutation(orgSlug: string) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function mutate(method: "POST" | "PATCH", path: string, body?: unknown): Promise<boolean> {
    setPending(true);
    setError(null);
    try {
      const res = await fetch(`/api/v1${path}`, {
        method,
        headers: { "Content-Type": "application/json", "X-Empfio-Organization": orgSlug },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!res.ok) {
        const json = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
        setError(json?.error?.message ?? `Request failed (${res.status})`);
        return false;
      }
      router.refresh();
      return true;
    } finally {
      setPending(false);
    }
  }
  return { mutate, pending, error };
}
