import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Card } from "@/components/ui/card";
import { getDb } from "@/lib/db/client";
import { needsSetup } from "@/lib/organizations/set-up-first-owner";
import { isSetupToken } from "@/lib/organizations/setup-token";
import { SetupForm } from "./setup-form";

export const metadata: Metadata = { title: "Set up Empfio", robots: { index: false } };
export const dynamic = "force-dynamic";

// Exists only on a database without users (a fresh `npm start`); afterwards a 404. The form
// needs the link the start command printed (?token=…), so the first visitor is not the owner.
export default async function SetupPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  if (!(await needsSetup(getDb()))) notFound();
  const { token } = await searchParams;
  const valid = isSetupToken(token);
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-md">
        <div className="mb-8 text-center">
          <div className="mx-auto mb-3 flex size-12 items-center justify-center rounded-xl bg-brand-600 text-xl font-bold text-white">
            E
          </div>
          <h1 className="text-2xl font-semibold">Set up Empfio</h1>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
            Create your organization and its owner account. This page works once, before anyone has an account.
          </p>
        </div>
        <Card className="p-6">
          {valid ? (
            <SetupForm token={token!} />
          ) : (
            <p role="alert" className="text-sm">
              {token ? "This setup link is not valid. " : ""}Open the setup link that <code>npm start</code> printed
              where Empfio was started (it ends in <code>/setup?token=…</code>), or create the first owner with{" "}
              <code>npm run admin -- create-org</code>.
            </p>
          )}
        </Card>
      </div>
    </main>
  );
}
