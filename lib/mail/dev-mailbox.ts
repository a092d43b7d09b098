import "server-only";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { MailMessage } from "./mail-message";

export type StoredMail = MailMessage & { id: string; from: string; sentAt: string };

/** Where `npm run dev` keeps mail when SMTP_URL is unset: `<EMPFIO_DATA_DIR>/mailbox`. */
export function mailboxDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.EMPFIO_DATA_DIR ?? ".data", "mailbox");
}

/** The dev mailbox, newest first. */
export async function listMailbox(limit = 100, env: NodeJS.ProcessEnv = process.env): Promise<StoredMail[]> {
  const dir = mailboxDir(env);
  const names = await readdir(dir).catch(() => [] as string[]);
  const newest = names
    .filter((n) => n.endsWith(".json"))
    .sort()
    .reverse()
    .slice(0, limit);
  return Promise.all(newest.map(async (n) => JSON.parse(await readFile(path.join(dir, n), "utf8")) as StoredMail));
}
