"use client";

import { AlertTriangle, ArrowDownRight, ArrowRight, ArrowUpRight, LayoutDashboard, Minus } from "lucide-react";
import dynamic from "next/dynamic";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { Skeleton, SkeletonRows } from "@/components/ui/skeleton";
import { useOrg } from "@/lib/api-client/org-context";
import { useMe } from "@/lib/api-client/use-me";
import type { Overview } from "@/lib/api-client/types";
import { useOverview } from "@/lib/api-client/use-overview";
import { describeTrend } from "./describe-trend";

// Recharts is a large bundle: loaded on its own so the Overview compiles and paints first.
const DeliveriesChart = dynamic(() => import("./deliveries-chart"), {
  ssr: false,
  loading: () => <Skeleton className="h-48 w-full" />,
});

type Trend = { current: number; previous: number };

export function OverviewDashboard() {
  const { data, error, isPending, refetch } = useOverview();
  if (isPending) return <SkeletonRows rows={4} label="Loading the overview" />;
  if (error) return <ErrorState error={error} what="the overview" onRetry={() => void refetch()} />;
  if (data.empty) return <NothingYet />;
  return (
    <div className="space-y-6">
      <section aria-label="Leads and bookings" className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
        <Stat label="Leads today" trend={data.leads.today} against={`this time last ${weekday()}`} />
        <Stat label="Leads this week" trend={data.leads.week} against="this point last week" />
        <Stat label="Bookings today" trend={data.bookings.today} against={`this time last ${weekday()}`} />
        <Stat label="Bookings this week" trend={data.bookings.week} against="this point last week" />
      </section>
      <div className="grid gap-4 lg:grid-cols-2">
        <UpcomingBookings upcoming={data.upcoming_bookings} />
        <Escalations escalations={data.open_escalations} />
      </div>
      <WebhookHealth webhooks={data.webhooks} />
      <p className="text-xs text-zinc-500 dark:text-zinc-400">
        Days and weeks (from Monday) in {data.time_zone}. Leads and bookings count when they were captured.
      </p>
    </div>
  );
}

function weekday() {
  return new Date().toLocaleDateString("en", { weekday: "long" });
}

function Stat({ label, trend, against }: { label: string; trend: Trend; against: string }) {
  const diff = trend.current - trend.previous;
  const Icon = diff > 0 ? ArrowUpRight : diff < 0 ? ArrowDownRight : Minus;
  return (
    <Card className="p-4" data-testid="stat">
      <h2 className="text-sm font-medium text-zinc-600 dark:text-zinc-400">{label}</h2>
      <p className="mt-1 text-3xl font-semibold tabular-nums">{trend.current}</p>
      <p
        className={
          diff > 0
            ? "mt-1 flex items-center gap-1 text-sm text-emerald-700 dark:text-emerald-400"
            : diff < 0
              ? "mt-1 flex items-center gap-1 text-sm text-red-700 dark:text-red-400"
              : "mt-1 flex items-center gap-1 text-sm text-zinc-600 dark:text-zinc-400"
        }
      >
        <Icon aria-hidden className="size-4 shrink-0" />
        <span>{describeTrend(trend, against)}</span>
      </p>
    </Card>
  );
}

function Panel({
  title,
  href,
  linkLabel,
  children,
}: {
  title: string;
  href: string;
  linkLabel: string;
  children: React.ReactNode;
}) {
  return (
    <Card className="p-4">
      <div className="mb-3 flex items-center justify-between gap-2">
        <h2 className="text-base font-semibold">{title}</h2>
        <Link
          href={href}
          className="inline-flex items-center gap-1 text-sm font-medium text-brand-700 hover:underline dark:text-brand-100"
        >
          {linkLabel} <ArrowRight aria-hidden className="size-4" />
        </Link>
      </div>
      {children}
    </Card>
  );
}

function UpcomingBookings({ upcoming }: { upcoming: Overview["upcoming_bookings"] }) {
  const org = useOrg();
  return (
    <Panel title={`Upcoming bookings (${upcoming.total})`} href={`/${org}/bookings`} linkLabel="All bookings">
      {upcoming.next.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">Nothing booked ahead yet.</p>
      ) : (
        <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {upcoming.next.map((b) => (
            <li key={b.id} className="flex items-center justify-between gap-3 py-2 text-sm">
              <span className="min-w-0">
                <span className="font-medium">{b.service}</span>
                {b.lead_name ? <span className="text-zinc-600 dark:text-zinc-400"> · {b.lead_name}</span> : null}
              </span>
              <span className="flex shrink-0 items-center gap-2">
                {b.status === "requested" ? <Badge tone="warning">Requested</Badge> : null}
                <time dateTime={b.start_time} className="tabular-nums text-zinc-700 dark:text-zinc-300">
                  {new Date(b.start_time).toLocaleString(undefined, {
                    weekday: "short",
                    day: "numeric",
                    month: "short",
                    hour: "2-digit",
                    minute: "2-digit",
                  })}
                </time>
              </span>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}

function Escalations({ escalations }: { escalations: Overview["open_escalations"] }) {
  const org = useOrg();
  return (
    <Panel title={`Open escalations (${escalations.total})`} href={`/${org}/conversations`} linkLabel="Conversations">
      {escalations.latest.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">No conversation is waiting for a person.</p>
      ) : (
        <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {escalations.latest.map((c) => (
            <li key={c.id} className="flex items-start gap-2 py-2 text-sm">
              <AlertTriangle aria-hidden className="mt-0.5 size-4 shrink-0 text-amber-600" />
              <span>
                <span className="font-medium">{c.lead_name ?? "Unknown caller"}</span>
                <span className="text-zinc-600 dark:text-zinc-400">
                  {" "}
                  on {c.channel}
                  {c.reason ? `: ${c.reason}` : ""}
                </span>
              </span>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}

function WebhookHealth({ webhooks }: { webhooks: Overview["webhooks"] }) {
  const org = useOrg();
  const base = `/${org}/settings/integrations/webhooks`;
  const total = (key: "succeeded" | "failed" | "pending") => webhooks.deliveries_24h.reduce((n, h) => n + h[key], 0);
  return (
    <Panel title="Webhook health" href={base} linkLabel="Webhooks">
      {webhooks.endpoints === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          No webhooks yet.{" "}
          <Link href={`${base}/new`} className="font-medium text-brand-700 underline dark:text-brand-100">
            Add an endpoint
          </Link>{" "}
          to send leads and bookings to your other tools.
        </p>
      ) : (
        <div className="grid gap-6 lg:grid-cols-[2fr_1fr]">
          <figure>
            <DeliveriesChart hours={webhooks.deliveries_24h} />
            <figcaption className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
              Deliveries in the last 24 hours: {total("succeeded")} succeeded, {total("failed")} failed,{" "}
              {total("pending")} pending.
            </figcaption>
          </figure>
          <div>
            <h3 className="mb-2 text-sm font-semibold">Endpoints needing attention</h3>
            {webhooks.attention.length === 0 ? (
              <p className="text-sm text-zinc-600 dark:text-zinc-400">
                All {webhooks.endpoints} endpoints are healthy.
              </p>
            ) : (
              <ul className="space-y-2">
                {webhooks.attention.map((e) => (
                  <li key={e.id} className="text-sm">
                    <Link
                      href={`${base}/${e.id}`}
                      className="block break-all font-medium text-brand-700 hover:underline dark:text-brand-100"
                    >
                      {e.url}
                    </Link>
                    <span className="mt-0.5 flex flex-wrap items-center gap-2 text-zinc-600 dark:text-zinc-400">
                      {e.state === "disabled" ? (
                        <Badge tone="danger">Disabled</Badge>
                      ) : (
                        <Badge tone="warning">Failing</Badge>
                      )}
                      {e.state === "disabled"
                        ? (e.disabled_reason ?? "Turned off")
                        : `${e.consecutive_failures} failed ${e.consecutive_failures === 1 ? "delivery" : "deliveries"} in a row`}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </div>
      )}
    </Panel>
  );
}

// The next steps are an owner's or admin's to take: a member is told who takes them (nothing
// shows until /me answers, so neither flashes up for the wrong role).
function NothingYet() {
  const org = useOrg();
  const me = useMe();
  const link = "font-medium text-brand-700 underline dark:text-brand-100";
  return (
    <EmptyState icon={LayoutDashboard} title="Nothing to show yet">
      <p>Leads, bookings and conversations appear here as your AI receptionist captures them.</p>
      {!me.data ? null : me.data.can_manage ? (
        <p className="mt-3 flex flex-wrap justify-center gap-x-4 gap-y-1">
          <Link href={`/${org}/settings/integrations`} className={link}>
            Connect your calendar
          </Link>
          <Link href={`/${org}/settings/integrations/webhooks/new`} className={link}>
            Add a webhook
          </Link>
        </p>
      ) : (
        <p className="mt-3">An owner or admin connects the calendar and adds webhooks.</p>
      )}
    </EmptyState>
  );
}
