import { defineConfig } from "prisma/config";

// The CLI reads this; the app builds its own client with the pg adapter (lib/db.ts).
export default defineConfig({
  schema: "prisma/schema",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres" },
});
