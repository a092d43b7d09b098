"use client";

import { useRouter } from "next/navigation";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { cell, DataTable } from "@/components/ui/data-table";
import { ErrorState } from "@/components/ui/error-state";
import { NativeSelect } from "@/components/ui/native-select";
import { SkeletonRows } from "@/components/ui/skeleton";
import { useToast } from "@/components/ui/toaster";
import { errorMessage } from "@/lib/api-client/fetch-json";
import type { Member } from "@/lib/api-client/types";
import { useMe } from "@/lib/api-client/use-me";
import { useChangeRole, useMembers, useRemoveMember } from "@/lib/api-client/use-team";
import type { Role } from "@/lib/organizations/team-schemas";
import { InviteDialog } from "./invite-dialog";
import { PendingInvitations } from "./pending-invitations";

export function MembersPanel({ organizationName }: { organizationName: string }) {
  const me = useMe();
  const { data, error, isPending, refetch } = useMembers();
  const role = me.data?.role as Role | undefined;
  const canManage = me.data?.can_manage ?? false;
  return (
    <div className="space-y-8">
      <section aria-labelledby="members-heading" className="space-y-4">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 id="members-heading" className="text-lg font-semibold">
            People in {organizationName}
          </h2>
          {canManage && role ? <InviteDialog myRole={role} /> : null}
        </div>
        {isPending || me.isPending ? (
          <SkeletonRows rows={3} label="Loading members" />
        ) : error ? (
          <ErrorState error={error} what="members" onRetry={() => void refetch()} />
        ) : (
          <MembersTable
            members={data}
            myUserId={me.data?.user?.id ?? null}
            isOwner={role === "owner"}
            organizationName={organizationName}
          />
        )}
      </section>
      {canManage ? <PendingInvitations /> : null}
    </div>
  );
}

function MembersTable({
  members,
  myUserId,
  isOwner,
  organizationName,
}: {
  members: Member[];
  myUserId: string | null;
  isOwner: boolean;
  organizationName: string;
}) {
  return (
    <DataTable label="Members" columns={["Name", "Email", "Role", "Since", { hidden: "Actions" }]}>
      {members.map((m) => (
        <MemberRow key={m.id} member={m} isMe={m.user_id === myUserId} isOwner={isOwner} orgName={organizationName} />
      ))}
    </DataTable>
  );
}

function MemberRow({
  member: m,
  isMe,
  isOwner,
  orgName,
}: {
  member: Member;
  isMe: boolean;
  isOwner: boolean;
  orgName: string;
}) {
  const router = useRouter();
  const notify = useToast();
  const changeRole = useChangeRole();
  const remove = useRemoveMember();
  async function onRoleChange(role: Role) {
    try {
      await changeRole.mutateAsync({ id: m.id, role });
      notify({
        title: `${m.name} is now ${role === "admin" || role === "owner" ? "an" : "a"} ${role}`,
        tone: "success",
      });
      if (isMe) router.refresh();
    } catch (e) {
      notify({ title: "Role not changed", description: errorMessage(e), tone: "error" });
    }
  }
  async function leave() {
    await remove.mutateAsync(m.id);
    router.replace("/");
    router.refresh();
  }
  return (
    <tr data-testid="member-row">
      <td className={`${cell} font-medium`}>
        {m.name} {isMe ? <Badge tone="info">You</Badge> : null}
      </td>
      <td className={cell}>{m.email}</td>
      <td className={cell}>
        {isOwner ? (
          <NativeSelect
            aria-label={`Role of ${m.name}`}
            value={m.role}
            disabled={changeRole.isPending}
            onChange={(e) => void onRoleChange(e.target.value as Role)}
            className="h-8 w-32"
          >
            <option value="owner">Owner</option>
            <option value="admin">Admin</option>
            <option value="member">Member</option>
          </NativeSelect>
        ) : (
          <span className="capitalize">{m.role}</span>
        )}
      </td>
      <td className={`${cell} text-zinc-600 dark:text-zinc-400`}>{m.joined_at.slice(0, 10)}</td>
      <td className={`${cell} text-right`}>
        {isMe ? (
          <ConfirmDialog
            trigger={
              <Button variant="secondary" size="sm">
                Leave
              </Button>
            }
            title={`Leave ${orgName}?`}
            description="You lose access to this organization until someone invites you again."
            confirmLabel="Leave organization"
            onConfirm={leave}
          />
        ) : isOwner ? (
          <ConfirmDialog
            trigger={
              <Button variant="secondary" size="sm" aria-label={`Remove ${m.name}`}>
                Remove
              </Button>
            }
            title={`Remove ${m.name}?`}
            description={`${m.email} can no longer sign in to this organization. Their account stays, for other organizations.`}
            confirmLabel="Remove member"
            onConfirm={() => remove.mutateAsync(m.id)}
          />
        ) : null}
      </td>
    </tr>
  );
}
