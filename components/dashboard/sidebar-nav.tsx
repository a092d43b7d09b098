"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/cn";
import { NAV_SECTIONS } from "./nav-items";

export function SidebarNav({ slug, onNavigate }: { slug: string; onNavigate?: () => void }) {
  const pathname = usePathname();
  const base = `/${slug}`;
  // The longest matching item is the active one, so "Webhooks" wins over "Integrations".
  const all = NAV_SECTIONS.flatMap((s) => s.items.map((i) => base + i.href));
  const active = all
    .filter((href) => pathname === href || (href !== base && pathname.startsWith(href + "/")))
    .sort((a, b) => b.length - a.length)[0];
  return (
    <nav aria-label="Main" className="space-y-6">
      {NAV_SECTIONS.map((section) => (
        <div key={section.label ?? "main"}>
          {section.label ? (
            <p className="mb-2 px-3 text-xs font-semibold uppercase tracking-wide text-zinc-500 dark:text-zinc-400">
              {section.label}
            </p>
          ) : null}
          <ul className="space-y-0.5">
            {section.items.map(({ href, label, icon: Icon }) => {
              const target = base + href;
              const current = target === active;
              return (
                <li key={label}>
                  <Link
                    href={target}
                    onClick={onNavigate}
                    aria-current={current ? "page" : undefined}
                    className={cn(
                      "flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium",
                      current
                        ? "bg-brand-50 text-brand-700 dark:bg-brand-700/20 dark:text-brand-100"
                        : "text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800",
                    )}
                  >
                    <Icon aria-hidden className="size-4" />
                    {label}
                  </Link>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </nav>
  );
}
