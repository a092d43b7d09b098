"use client";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { ErrorState } from "@/components/ui/error-state";
import { RelativeTime } from "@/components/ui/relative-time";
import { SkeletonRows } from "@/components/ui/skeleton";
import { useInvitations, useRevokeInvitation } from "@/lib/api-client/use-team";

/** Invitations waiting to be accepted, for owners and admins, each revocable. */
export function PendingInvitations() {
  const { data, error, isPending, refetch } = useInvitations(true);
  const revoke = useRevokeInvitation();
  return (
    <section aria-labelledby="invitations-heading" className="space-y-3">
      <h2 id="invitations-heading" className="text-lg font-semibold">
        Pending invitations
      </h2>
      {isPending ? (
        <SkeletonRows rows={2} label="Loading invitations" />
      ) : error ? (
        <ErrorState error={error} what="invitations" onRetry={() => void refetch()} />
      ) : data.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          None. Invite someone to give them a link that works once and expires after 7 days.
        </p>
      ) : (
        <ul className="divide-y divide-zinc-200 rounded-lg border border-zinc-200 bg-white dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900">
          {data.map((i) => (
            <li
              key={i.id}
              data-testid="invitation-row"
              className="flex flex-wrap items-center justify-between gap-3 px-4 py-3 text-sm"
            >
              <span className="min-w-0">
                <span className="font-medium break-all">{i.email}</span>{" "}
                <Badge tone="neutral" className="capitalize">
                  {i.role}
                </Badge>
                <span className="block text-xs text-zinc-600 dark:text-zinc-400">
                  {i.invited_by ? `Invited by ${i.invited_by}, ` : ""}expires <RelativeTime iso={i.expires_at} />
                </span>
              </span>
              <ConfirmDialog
                trigger={
                  <Button variant="secondary" size="sm" aria-label={`Revoke the invitation for ${i.email}`}>
                    Revoke
                  </Button>
                }
                title={`Revoke the invitation for ${i.email}?`}
                description="The link stops working at once. You can invite them again later."
                confirmLabel="Revoke invitation"
                onConfirm={() => revoke.mutateAsync(i.id)}
              />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
