"use client";

import { useSyncExternalStore } from "react";

const rtf = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 31_536_000],
  ["month", 2_592_000],
  ["day", 86_400],
  ["hour", 3_600],
  ["minute", 60],
  ["second", 1],
];

export function formatRelative(iso: string, now = Date.now()): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  if (Math.abs(seconds) < 5) return "just now";
  const [unit, size] = UNITS.find(([, s]) => Math.abs(seconds) >= s) ?? UNITS[UNITS.length - 1];
  return rtf.format(Math.round(seconds / size), unit);
}

export function formatAbsolute(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "medium" });
}

// One shared clock for every timestamp on the page, advanced every 30 s while any is shown.
let clock = Date.now();
function subscribe(onTick: () => void) {
  clock = Date.now();
  const t = setInterval(() => {
    clock = Date.now();
    onTick();
  }, 30_000);
  return () => clearInterval(t);
}
const getNow = () => clock;

/** "3 minutes ago", with the exact time on hover; the server renders the absolute time. */
export function RelativeTime({ iso, className }: { iso: string; className?: string }) {
  const now = useSyncExternalStore(subscribe, getNow, () => null);
  return (
    <time dateTime={iso} title={now === null ? undefined : formatAbsolute(iso)} className={className}>
      {now === null ? iso.slice(0, 16).replace("T", " ") : formatRelative(iso, now)}
    </time>
  );
}
