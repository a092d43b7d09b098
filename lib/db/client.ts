import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { POOL_IDLE_TIMEOUT_MS, TCP_KEEPALIVE } from "./pool-settings";

export type Db = PrismaClient;
/** The client inside `db.$transaction(async (tx) => …)`. */
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

export function createDb(databaseUrl: string, poolSize = Number(process.env.DATABASE_POOL_SIZE ?? 10)): Db {
  return new PrismaClient({
    adapter: new PrismaPg({
      connectionString: databaseUrl,
      max: poolSize,
      idleTimeoutMillis: POOL_IDLE_TIMEOUT_MS,
      ...TCP_KEEPALIVE,
    }),
  });
}

// One client per process, kept on globalThis so Next's dev reloads do not open new pools.
const holder = globalThis as unknown as { __empfioDb?: Db };

export function getDb(): Db {
  if (!holder.__empfioDb) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set (npm run dev / npm start set it for you)");
    holder.__empfioDb = createDb(url);
  }
  return holder.__empfioDb;
}
