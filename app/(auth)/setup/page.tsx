import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Card } from "@/components/ui/card";
import { getDb } from "@/lib/db/client";
import { needsSetup } from "@/lib/organizations/set-up-first-owner";
import { isSetupToken } from "@/lib/organizations/setup-token";
import { SetupForm } from "./setup-form";
import { AuthScreen } from "@/components/auth/auth-screen";

export const metadata: Metadata = { title: "Set up Empfio", robots: { index: false } };
export const dynamic = "force-dynamic";

// Exists only on a database without users (a fresh `npm start`); afterwards a 404. The form
// needs the link the start command printed (?token=…), so the first visitor is not the owner.
export default async function SetupPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  if (!(await needsSetup(getDb()))) notFound();
  const { token } = await searchParams;
  const valid = isSetupToken(token);
  return (
    <AuthScreen
      title="Set up Empfio"
      subtitle="Create your organization and its owner account. This page works once, before anyone has an account."
    >
      <Card className="p-6">
        {valid ? (
          <SetupForm token={token!} />
        ) : (
          <p role="alert" className="text-sm">
            {token ? "This setup link is not valid. " : ""}Open the setup link that <code>npm start</code> printed where
            Empfio was started (it ends in <code>/setup?token=…</code>), or create the first owner with{" "}
            <code>npm run admin -- create-org</code>.
          </p>
        )}
      </Card>
    </AuthScreen>
  );
}
