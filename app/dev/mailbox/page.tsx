import { Mail } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { requireUser } from "@/lib/auth/session";
import { listMailbox, mailboxDir } from "@/lib/mail/dev-mailbox";

export const metadata: Metadata = { title: "Dev mailbox" };
export const dynamic = "force-dynamic";

/** Development only: the mail `npm run dev` kept instead of sending (no SMTP_URL). */
export default async function DevMailboxPage({ searchParams }: { searchParams: Promise<{ id?: string }> }) {
  if (process.env.NODE_ENV === "production") notFound();
  await requireUser();
  const { id } = await searchParams;
  const mails = await listMailbox();
  const open = mails.find((m) => m.id === id) ?? mails[0];
  return (
    <main className="mx-auto max-w-6xl px-4 py-8">
      <h1 className="text-2xl font-semibold">Dev mailbox</h1>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
        Mail kept by <code>npm run dev</code> because <code>SMTP_URL</code> is not set, from <code>{mailboxDir()}</code>
        . Production sends through SMTP instead.
      </p>
      {mails.length === 0 ? (
        <div className="mt-6">
          <EmptyState icon={Mail} title="No mail yet">
            Alerts and invitations appear here as they are sent.
          </EmptyState>
        </div>
      ) : (
        <div className="mt-6 grid gap-4 md:grid-cols-[18rem_1fr]">
          <nav aria-label="Messages">
            <ul className="space-y-1">
              {mails.map((m) => (
                <li key={m.id}>
                  <Link
                    href={`/dev/mailbox?id=${encodeURIComponent(m.id)}`}
                    aria-current={m.id === open?.id ? "page" : undefined}
                    className="block rounded-md px-3 py-2 text-sm hover:bg-zinc-100 aria-[current=page]:bg-zinc-100 dark:hover:bg-zinc-800 dark:aria-[current=page]:bg-zinc-800"
                  >
                    <span className="block truncate font-medium">{m.subject}</span>
                    <span className="block truncate text-xs text-zinc-600 dark:text-zinc-400">
                      {m.to} · {new Date(m.sentAt).toLocaleString()}
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          {open ? (
            <Card className="p-4">
              <h2 className="text-lg font-semibold">{open.subject}</h2>
              <dl className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
                <div>
                  <dt className="inline">From: </dt>
                  <dd className="inline">{open.from}</dd>
                </div>
                <div>
                  <dt className="inline">To: </dt>
                  <dd className="inline">{open.to}</dd>
                </div>
              </dl>
              <iframe
                title="HTML body"
                sandbox=""
                srcDoc={open.html}
                className="mt-4 h-80 w-full rounded border border-zinc-200 bg-white dark:border-zinc-800"
              />
              <h3 className="mt-4 text-sm font-semibold">Plain text</h3>
              <pre className="mt-1 overflow-x-auto text-sm whitespace-pre-wrap">{open.text}</pre>
            </Card>
          ) : null}
        </div>
      )}
    </main>
  );
}
