// The embedded database: PGlite (Postgres in WASM) served on a local port over the Postgres
// wire protocol by pglite-socket, so the app and the executor connect as to any PostgreSQL.
// A lock file keeps a second process from opening the same data directory.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { acquireDirLock } from "./lib/dir-lock";

const dataDir = path.resolve(process.env.EMBEDDED_DB_DIR ?? ".data/pglite");
const port = Number(process.env.EMBEDDED_DB_PORT ?? 5488);

mkdirSync(dataDir, { recursive: true });
const lock = acquireDirLock(dataDir);
if (!lock.ok) {
  console.error(`embedded database: ${lock.message}`);
  process.exit(3);
}
const releaseLock = lock.release;

const db = await PGlite.create(dataDir);
const server = new PGLiteSocketServer({ db, port, host: "127.0.0.1", maxConnections: 100 });
server.addEventListener("error", (e) => console.error("embedded database:", (e as CustomEvent).detail));
try {
  await server.start();
} catch (error) {
  console.error(`embedded database: cannot listen on 127.0.0.1:${port}: ${(error as Error).message}`);
  await db.close();
  releaseLock();
  process.exit(3);
}
console.log(`embedded database ready on 127.0.0.1:${port} (data in ${path.relative(process.cwd(), dataDir)})`);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await server.stop();
  await db.close();
  releaseLock();
  process.exit(0);
}
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
