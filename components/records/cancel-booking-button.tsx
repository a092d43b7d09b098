"use client";

import { AlertDialog } from "radix-ui";
import { Button } from "@/components/ui/button";
import { useOrgMutation } from "./use-org-mutation";

export function CancelBookingButton({
  orgSlug,
  bookingId,
  label,
}: {
  orgSlug: string;
  bookingId: string;
  label: string;
}) {
  const { mutate, pending, error } = useOrgMutation(orgSlug);
  return (
    <AlertDialog.Root>
      <AlertDialog.Trigger asChild>
        <Button variant="secondary" size="sm" disabled={pending} aria-label={`Cancel ${label}`}>
          {pending ? "Cancelling…" : "Cancel"}
        </Button>
      </AlertDialog.Trigger>
      {error ? (
        <p role="alert" className="mt-1 text-xs text-red-600">
          {error}
        </p>
      ) : null}
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 z-40 bg-black/40" />
        <AlertDialog.Content className="fixed top-1/2 left-1/2 z-50 w-[min(28rem,90vw)] -translate-x-1/2 -translate-y-1/2 rounded-lg bg-white p-6 shadow-xl dark:bg-zinc-900">
          <AlertDialog.Title className="text-lg font-semibold">Cancel this booking?</AlertDialog.Title>
          <AlertDialog.Description className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
            {label}. Your webhooks receive a booking.cancelled event.
          </AlertDialog.Description>
          <div className="mt-6 flex justify-end gap-2">
            <AlertDialog.Cancel asChild>
              <Button variant="secondary">Keep booking</Button>
            </AlertDialog.Cancel>
            <AlertDialog.Action asChild>
              <Button variant="danger" onClick={() => void mutate("POST", `/bookings/${bookingId}/cancel`)}>
                Cancel booking
              </Button>
            </AlertDialog.Action>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
