// `prisma generate` does not use the schema engine, but the CLI downloads one first unless
// PRISMA_SCHEMA_ENGINE_BINARY names an existing file (see DESIGN.md, "Prisma 7"). Any file will do.
import { spawnSync } from "node:child_process";

const env = { ...process.env };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;
env.PRISMA_HIDE_UPDATE_MESSAGE = "1";
const result = spawnSync("npx", ["prisma", "generate"], { stdio: "inherit", env });
process.exit(result.status ?? 1);
