import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { safeCallbackPath } from "@/lib/auth/safe-callback-path";
import { getSessionUser } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { needsSetup } from "@/lib/organizations/set-up-first-owner";
import { LoginForm } from "./login-form";
import { AuthScreen } from "@/components/auth/auth-screen";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  if (await getSessionUser()) redirect("/");
  const { callbackUrl } = await searchParams;
  // Only same-site paths, so the login page cannot be used to bounce users elsewhere.
  const next = safeCallbackPath(callbackUrl);
  const setup = await needsSetup(getDb());
  return (
    <AuthScreen title="Sign in to Empfio" subtitle="Your AI receptionist's control room" width="max-w-sm">
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
    </AuthScreen>
  );
}
