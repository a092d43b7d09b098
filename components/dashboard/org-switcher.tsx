"use client";

import { Check, ChevronsUpDown } from "lucide-react";
import Link from "next/link";
import { DropdownMenu } from "radix-ui";

export type OrgOption = { slug: string; name: string; role: string };

export function OrgSwitcher({ current, options }: { current: OrgOption; options: OrgOption[] }) {
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger className="flex w-full items-center gap-3 rounded-md border border-zinc-200 px-3 py-2 text-left hover:bg-zinc-100 dark:border-zinc-800 dark:hover:bg-zinc-800">
        <span className="sr-only">Switch organization. Current:</span>
        <span className="flex size-8 shrink-0 items-center justify-center rounded-md bg-brand-600 text-sm font-semibold text-white">
          {current.name.slice(0, 1).toUpperCase()}
        </span>
        <span className="min-w-0 flex-1">
          <span className="block truncate text-sm font-semibold">{current.name}</span>
          <span className="block text-xs capitalize text-zinc-500 dark:text-zinc-400">{current.role}</span>
        </span>
        <ChevronsUpDown aria-hidden className="size-4 text-zinc-400" />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          align="start"
          sideOffset={6}
          className="z-50 min-w-56 rounded-md border border-zinc-200 bg-white p-1 shadow-lg dark:border-zinc-800 dark:bg-zinc-900"
        >
          <DropdownMenu.Label className="px-2 py-1.5 text-xs font-semibold text-zinc-500 dark:text-zinc-400">
            Organizations
          </DropdownMenu.Label>
          {options.map((o) => (
            <DropdownMenu.Item key={o.slug} asChild>
              <Link
                href={`/${o.slug}`}
                className="flex items-center justify-between gap-2 rounded px-2 py-1.5 text-sm outline-none data-[highlighted]:bg-zinc-100 dark:data-[highlighted]:bg-zinc-800"
              >
                {o.name}
                {o.slug === current.slug ? <Check aria-label="current" className="size-4" /> : null}
              </Link>
            </DropdownMenu.Item>
          ))}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
