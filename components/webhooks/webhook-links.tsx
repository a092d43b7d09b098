"use client";

import { BookOpen, ListTree, Plus, Radio } from "lucide-react";
import Link from "next/link";
import { useCanManage } from "@/lib/api-client/use-me";
import { useOrg } from "@/lib/api-client/org-context";
import { cn } from "@/lib/cn";

export const linkButton =
  "inline-flex h-10 items-center justify-center gap-2 rounded-md border border-zinc-300 bg-white px-4 text-sm font-medium text-zinc-900 hover:bg-zinc-100 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:hover:bg-zinc-800";
export const primaryLinkButton =
  "inline-flex h-10 items-center justify-center gap-2 rounded-md bg-brand-600 px-4 text-sm font-medium text-white hover:bg-brand-700";

export function webhooksPath(org: string, rest = ""): string {
  return `/${org}/settings/integrations/webhooks${rest}`;
}

/** The header actions of the webhooks list: the log and docs for everyone, "Add" for managers. */
export function WebhookHeaderActions() {
  const org = useOrg();
  const canManage = useCanManage();
  return (
    <div className="flex flex-wrap gap-2">
      <Link href={webhooksPath(org, "/deliveries")} className={linkButton}>
        <ListTree aria-hidden className="size-4" /> Delivery log
      </Link>
      <Link href={webhooksPath(org, "/events")} className={linkButton}>
        <Radio aria-hidden className="size-4" /> Event log
      </Link>
      <Link href={`/${org}/docs/events`} className={linkButton}>
        <BookOpen aria-hidden className="size-4" /> Event catalogue
      </Link>
      {canManage ? (
        <Link href={webhooksPath(org, "/new")} className={cn(primaryLinkButton)}>
          <Plus aria-hidden className="size-4" /> Add webhook
        </Link>
      ) : null}
    </div>
  );
}
