"use client";

import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { useOrg } from "@/lib/api-client/org-context";
import { webhooksPath } from "./webhook-links";

/** "← Webhooks": `to` is relative to the webhooks section. */
export function BackLink({ to, label }: { to: string; label: string }) {
  const org = useOrg();
  return (
    <Link
      href={webhooksPath(org, to)}
      className="mb-3 inline-flex items-center gap-1 text-sm text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
    >
      <ArrowLeft aria-hidden className="size-4" /> {label}
    </Link>
  );
}
