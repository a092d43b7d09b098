import type { Metadata } from "next";
import { LogoutButton } from "./logout-button";

export const metadata: Metadata = { title: "Sign out" };

export default function LogoutPage() {
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm text-center">
        <h1 className="text-2xl font-semibold">Sign out of Empfio?</h1>
        <p className="mt-2 mb-6 text-sm text-zinc-600 dark:text-zinc-400">You can sign in again at any time.</p>
        <LogoutButton />
      </div>
    </main>
  );
}
