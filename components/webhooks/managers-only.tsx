"use client";

import { Alert } from "@/components/ui/alert";
import { SkeletonRows } from "@/components/ui/skeleton";
import { useMe } from "@/lib/api-client/use-me";

/** Renders its children for owners and admins; members get an explanation instead of a form. */
export function ManagersOnly({ children }: { children: React.ReactNode }) {
  const { data, isPending } = useMe();
  if (isPending) return <SkeletonRows rows={2} />;
  if (!data?.can_manage) {
    return (
      <Alert tone="info" title="Read-only access">
        Your role can view webhooks but not change them. Ask an owner or admin of this organization.
      </Alert>
    );
  }
  return <>{children}</>;
}
