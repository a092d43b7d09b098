import type { ReactNode } from "react";

/** The signed-out screens' frame (sign in, setup, invitations): the mark, a title and what follows. */
export function AuthScreen({
  title,
  subtitle,
  width = "max-w-md",
  children,
}: {
  title: string;
  subtitle?: ReactNode;
  width?: "max-w-sm" | "max-w-md";
  children: ReactNode;
}) {
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className={`w-full ${width}`}>
        <div className="mb-8 text-center">
          <div className="mx-auto mb-3 flex size-12 items-center justify-center rounded-xl bg-brand-600 text-xl font-bold text-white">
            E
          </div>
          <h1 className="text-2xl font-semibold">{title}</h1>
          {subtitle ? <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{subtitle}</p> : null}
        </div>
        {children}
      </div>
    </main>
  );
}
