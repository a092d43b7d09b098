"use client";

import { X } from "lucide-react";
import { Toast } from "radix-ui";
import { createContext, useCallback, useContext, useState } from "react";
import { cn } from "@/lib/cn";

type ToastItem = { id: number; title: string; description?: string; tone: "success" | "error" | "info" };
type Notify = (t: Omit<ToastItem, "id" | "tone"> & { tone?: ToastItem["tone"] }) => void;

const ToastContext = createContext<Notify>(() => undefined);

export function useToast(): Notify {
  return useContext(ToastContext);
}

let nextId = 1;

/** Radix Toast: announced politely to screen readers, dismissable, swipeable on phones. */
export function Toaster({ children }: { children: React.ReactNode }) {
  const [items, setItems] = useState<ToastItem[]>([]);
  const notify = useCallback<Notify>((t) => setItems((all) => [...all, { tone: "info", ...t, id: nextId++ }]), []);
  return (
    <ToastContext.Provider value={notify}>
      <Toast.Provider swipeDirection="right" duration={6000}>
        {children}
        {items.map((t) => (
          <Toast.Root
            key={t.id}
            onOpenChange={(open) => !open && setItems((all) => all.filter((i) => i.id !== t.id))}
            className={cn(
              "relative rounded-lg border bg-white p-4 pr-10 shadow-lg dark:bg-zinc-900",
              t.tone === "error"
                ? "border-red-300 dark:border-red-800"
                : t.tone === "success"
                  ? "border-emerald-300 dark:border-emerald-800"
                  : "border-zinc-200 dark:border-zinc-800",
            )}
          >
            <Toast.Title className="text-sm font-semibold">{t.title}</Toast.Title>
            {t.description ? (
              <Toast.Description className="mt-1 text-sm wrap-anywhere text-zinc-600 dark:text-zinc-400">
                {t.description}
              </Toast.Description>
            ) : null}
            <Toast.Close
              aria-label="Dismiss"
              className="absolute top-3 right-3 rounded p-1 text-zinc-500 dark:text-zinc-400 hover:bg-zinc-100 dark:hover:bg-zinc-800"
            >
              <X aria-hidden className="size-4" />
            </Toast.Close>
          </Toast.Root>
        ))}
        <Toast.Viewport className="fixed right-0 bottom-0 z-[60] flex w-full max-w-sm flex-col gap-2 p-4 outline-none" />
      </Toast.Provider>
    </ToastContext.Provider>
  );
}
