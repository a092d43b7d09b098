"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { UserPlus } from "lucide-react";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { FormError } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Modal } from "@/components/ui/dialog";
import { describedBy, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { ApiError } from "@/lib/api-client/fetch-json";
import { useInvite } from "@/lib/api-client/use-team";
import { inviteSchema, rolesUpTo, type InviteInput, type Role } from "@/lib/organizations/team-schemas";

const ROLE_HINT: Record<Role, string> = {
  owner: "Everything, including roles and removing people.",
  admin: "Manages webhooks, integrations, API keys and invitations.",
  member: "Sees leads, bookings and the delivery log; changes nothing.",
};

/** Invite by email with a role no higher than the inviter's; the link is shown once to copy. */
export function InviteDialog({ myRole }: { myRole: Role }) {
  const [open, setOpen] = useState(false);
  const invite = useInvite();
  const roles = rolesUpTo(myRole);
  const form = useForm<InviteInput>({
    resolver: zodResolver(inviteSchema),
    defaultValues: { email: "", role: "member" },
    mode: "onTouched",
  });
  const { errors, isSubmitting } = form.formState;

  function onOpenChange(next: boolean) {
    setOpen(next);
    if (!next) {
      invite.reset();
      form.reset();
    }
  }

  async function submit(values: InviteInput) {
    try {
      await invite.mutateAsync(values);
    } catch (e) {
      // A refusal that names a field (already a member, a role above yours) shows under it, in full.
      const message = e instanceof Error ? e.message : "The invitation was not created.";
      const detail =
        e instanceof ApiError ? e.details.find((d) => d.field === "email" || d.field === "role") : undefined;
      if (!detail) return form.setError("root", { message });
      const text = e instanceof ApiError && e.code === "validation_failed" ? detail.message : message;
      form.setError(detail.field as "email" | "role", { message: text }, { shouldFocus: true });
    }
  }

  const role = useWatch({ control: form.control, name: "role" });
  return (
    <Modal
      open={open}
      onOpenChange={onOpenChange}
      trigger={
        <Button>
          <UserPlus aria-hidden className="size-4" /> Invite someone
        </Button>
      }
      title={invite.data ? "Invitation created" : "Invite someone"}
      description={invite.data ? undefined : "They get a link to set their name and password and join."}
    >
      {invite.data ? (
        <div className="space-y-4" aria-live="polite">
          <div className="rounded-md border border-amber-300 bg-amber-50 p-4 dark:border-amber-800 dark:bg-amber-950">
            <p className="text-sm font-semibold text-amber-900 dark:text-amber-100">
              Link for {invite.data.invitation.email} ({invite.data.invitation.role})
            </p>
            <div className="mt-2 flex items-center gap-2">
              <code
                data-testid="invitation-link"
                className="min-w-0 flex-1 rounded bg-white px-2 py-1.5 font-mono text-xs break-all dark:bg-zinc-900"
              >
                {invite.data.link}
              </code>
              <CopyButton value={invite.data.link} label="Copy link" showText />
            </div>
            <p className="mt-2 text-xs text-amber-900 dark:text-amber-200">
              {invite.data.emailed
                ? "We are emailing it to them. You can also copy it now and send it yourself: "
                : "The email could not be queued: copy the link and send it to them yourself. "}
              It works once, expires in 7 days, and Empfio cannot show it again.
            </p>
          </div>
          <div className="flex justify-end">
            <Button onClick={() => onOpenChange(false)}>Done</Button>
          </div>
        </div>
      ) : (
        <form onSubmit={form.handleSubmit(submit)} noValidate className="space-y-4">
          <Field id="invite-email" label="Email" error={errors.email?.message}>
            <Input
              id="invite-email"
              type="email"
              autoComplete="off"
              placeholder="colleague@example.com"
              aria-invalid={errors.email ? true : undefined}
              aria-describedby={describedBy("invite-email", !!errors.email)}
              {...form.register("email")}
            />
          </Field>
          <Field id="invite-role" label="Role" hint={ROLE_HINT[role]} error={errors.role?.message}>
            <NativeSelect
              id="invite-role"
              aria-invalid={errors.role ? true : undefined}
              aria-describedby={describedBy("invite-role", !!errors.role, true)}
              {...form.register("role")}
            >
              {roles.map((r) => (
                <option key={r} value={r}>
                  {r[0].toUpperCase() + r.slice(1)}
                </option>
              ))}
            </NativeSelect>
          </Field>
          <FormError message={errors.root?.message} />
          <div className="flex justify-end">
            <Button type="submit" disabled={isSubmitting}>
              {isSubmitting ? "Inviting…" : "Create invitation"}
            </Button>
          </div>
        </form>
      )}
    </Modal>
  );
}
