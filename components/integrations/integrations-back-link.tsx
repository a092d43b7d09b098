"use client";

import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { useOrg } from "@/lib/api-client/org-context";
import { integrationsPath } from "./provider-catalogue";

export function IntegrationsBackLink() {
  const org = useOrg();
  return (
    <Link
      href={integrationsPath(org)}
      className="mb-3 inline-flex items-center gap-1 text-sm text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
    >
      <ArrowLeft aria-hidden className="size-4" /> Integrations
    </Link>
  );
}
