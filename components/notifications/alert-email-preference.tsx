"use client";

import { Card } from "@/components/ui/card";
import { ErrorState } from "@/components/ui/error-state";
import { Skeleton } from "@/components/ui/skeleton";
import { Switch } from "@/components/ui/switch";
import { useToast } from "@/components/ui/toaster";
import { useAlertPreference, useSetAlertPreference } from "@/lib/api-client/use-notifications";

/** The signed-in member's own switch for alert emails. */
export function AlertEmailPreference() {
  const pref = useAlertPreference();
  const set = useSetAlertPreference();
  const toast = useToast();
  if (pref.isPending) return <Skeleton className="h-24" />;
  if (pref.isError)
    return <ErrorState what="your email preference" error={pref.error} onRetry={() => void pref.refetch()} />;
  return (
    <Card className="flex items-start justify-between gap-6 p-5">
      <div>
        <label htmlFor="email-alerts" className="font-medium">
          Email me webhook alerts
        </label>
        <p id="email-alerts-help" className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          {pref.data.receives_alerts
            ? "When an endpoint starts failing, is about to be or is disabled, and when it is healthy again. The alerts stay in the app (the bell) either way."
            : "Alert emails go to owners and admins. As a member you see the alerts in the app (the bell)."}
        </p>
      </div>
      <Switch
        id="email-alerts"
        aria-describedby="email-alerts-help"
        checked={pref.data.receives_alerts && pref.data.email_alerts}
        disabled={!pref.data.receives_alerts || set.isPending}
        onCheckedChange={(on) =>
          set.mutate(on, {
            onSuccess: () => toast({ title: on ? "Alert emails on" : "Alert emails off", tone: "success" }),
            onError: (e) => toast({ title: "Could not save", description: e.message, tone: "error" }),
          })
        }
      />
    </Card>
  );
}
