import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { safeCallbackPath } from "@/lib/auth/safe-callback-path";
import { getSessionUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { needsSetup } from "@/lib/organizations/set-up-first-owner";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  if (await getSessionUser()) redirect("/");
  const { callbackUrl } = await searchParams;
  // Only same-site paths, so the login page cannot be used to bounce users elsewhere.
  const next = safeCallbackPath(callbackUrl);
  const setup = await needsSetup(getDb());
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm">
        <div className="mb-8 text-center">
          <div className="mx-auto mb-3 flex size-12 items-center justify-center rounded-xl bg-brand-600 text-xl font-bold text-white">
            E
          </div>
          <h1 className="text-2xl font-semibold">Sign in to Empfio</h1>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">Your AI receptionist&apos;s control room</p>
        </div>
        {setup ? (
          <Alert tone="info" className="mb-4">
            No one has an account yet.{" "}
            <Link href="/setup" className="font-medium underline">
              Set up Empfio
            </Link>{" "}
            to create your organization and its owner.
          </Alert>
        ) : null}
        <LoginForm next={next} />
      </div>
    </main>
  );
}
