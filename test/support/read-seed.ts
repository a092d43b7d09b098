import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

/**
 * A source document from shared/seeds, the contract the tests check against. shared/ sits beside
 * the project (CI, the main checkout) or beside the folder of worktrees, so the nearest one up wins.
 */
export function readSeed(name: string): string {
  for (let dir = path.resolve(process.cwd(), ".."); ; dir = path.dirname(dir)) {
    const file = path.join(dir, "shared", "seeds", name);
    if (existsSync(file)) return readFileSync(file, "utf8");
    if (dir === path.dirname(dir)) throw new Error(`seed ${name} not found in a shared/seeds above ${process.cwd()}`);
  }
}
