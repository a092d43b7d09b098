"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { errorMessage, fetchJson } from "@/lib/api-client/fetch-json";

/** Calls an /api/v1 mutation for the current organization, then refreshes the server-rendered page. */
export function useOrgMutation(orgSlug: string) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function mutate(method: "POST" | "PATCH", path: string, body?: unknown): Promise<boolean> {
    setPending(true);
    setError(null);
    try {
      await fetchJson(orgSlug, path, { method, body });
      router.refresh();
      return true;
    } catch (err) {
      setError(errorMessage(err));
      return false;
    } finally {
      setPending(false);
    }
  }
  return { mutate, pending, error };
}
