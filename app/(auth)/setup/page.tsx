import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Card } from "@/components/ui/card";
import { getDb } from "@/lib/db/client";
import { needsSetup } from "@/lib/organizations/set-up-first-owner";
import { SetupForm } from "./setup-form";

export const metadata: Metadata = { title: "Set up Empfio", robots: { index: false } };
export const dynamic = "force-dynamic";

// Exists only on a database without users (a fresh `npm start`); afterwards a 404.
export default async function SetupPage() {
  if (!(await needsSetup(getDb()))) notFound();
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
          <SetupForm />
        </Card>
      </div>
    </main>
  );
}
