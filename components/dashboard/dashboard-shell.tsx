"use client";

import { LogOut, Menu, X } from "lucide-react";
import Link from "next/link";
import { Dialog } from "radix-ui";
import { useState } from "react";
import { NotificationBell } from "@/components/notifications/notification-bell";
import { OrgSwitcher, type OrgOption } from "./org-switcher";
import { SidebarNav } from "./sidebar-nav";
import { ThemeToggle } from "./theme-toggle";

type Props = {
  current: OrgOption;
  organizations: OrgOption[];
  user: { name: string; email: string };
  banner?: React.ReactNode;
  children: React.ReactNode;
};

export function DashboardShell({ current, organizations, user, banner, children }: Props) {
  const [open, setOpen] = useState(false);
  const sidebar = (onNavigate?: () => void) => (
    <div className="flex h-full flex-col gap-6 p-4">
      <div className="flex items-center justify-between gap-2">
        <Link
          href={`/${current.slug}`}
          className="flex items-center gap-2 px-1 text-lg font-semibold"
          onClick={onNavigate}
        >
          <span className="flex size-7 items-center justify-center rounded-lg bg-brand-600 text-sm font-bold text-white">
            E
          </span>
          Empfio
        </Link>
        {onNavigate ? null : <NotificationBell slug={current.slug} />}
      </div>
      <OrgSwitcher current={current} options={organizations} />
      <div className="flex-1 overflow-y-auto">
        <SidebarNav slug={current.slug} onNavigate={onNavigate} />
      </div>
      <div className="flex items-center gap-2 border-t border-zinc-200 pt-4 dark:border-zinc-800">
        <div className="min-w-0 flex-1">
          <p className="truncate text-sm font-medium">{user.name}</p>
          <p className="truncate text-xs text-zinc-500 dark:text-zinc-400">{user.email}</p>
        </div>
        <ThemeToggle />
        <Link
          href="/logout"
          className="rounded-md p-2 text-zinc-600 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"
          aria-label="Sign out"
        >
          <LogOut aria-hidden className="size-4" />
        </Link>
      </div>
    </div>
  );

  return (
    <div className="min-h-screen lg:flex">
      <aside className="hidden w-64 shrink-0 border-r border-zinc-200 bg-white lg:block dark:border-zinc-800 dark:bg-zinc-900">
        <div className="sticky top-0 h-screen">{sidebar()}</div>
      </aside>
      <Dialog.Root open={open} onOpenChange={setOpen}>
        <header className="flex items-center justify-between border-b border-zinc-200 bg-white px-4 py-3 lg:hidden dark:border-zinc-800 dark:bg-zinc-900">
          <span className="font-semibold">{current.name}</span>
          <span className="flex-1" />
          <NotificationBell slug={current.slug} />
          <Dialog.Trigger className="rounded-md p-2 hover:bg-zinc-100 dark:hover:bg-zinc-800" aria-label="Open menu">
            <Menu aria-hidden className="size-5" />
          </Dialog.Trigger>
        </header>
        <Dialog.Portal>
          <Dialog.Overlay className="fixed inset-0 z-40 bg-black/40 lg:hidden" />
          <Dialog.Content className="fixed inset-y-0 left-0 z-50 w-72 bg-white shadow-xl lg:hidden dark:bg-zinc-900">
            <Dialog.Title className="sr-only">Menu</Dialog.Title>
            <Dialog.Description className="sr-only">Navigate the dashboard</Dialog.Description>
            <Dialog.Close
              className="absolute top-4 right-4 rounded-md p-1 hover:bg-zinc-100 dark:hover:bg-zinc-800"
              aria-label="Close menu"
            >
              <X aria-hidden className="size-5" />
            </Dialog.Close>
            {sidebar(() => setOpen(false))}
          </Dialog.Content>
        </Dialog.Portal>
      </Dialog.Root>
      <div className="min-w-0 flex-1">
        {banner}
        <main className="mx-auto max-w-6xl px-4 py-8 sm:px-6 lg:px-8">{children}</main>
      </div>
    </div>
  );
}
