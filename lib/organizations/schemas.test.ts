import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { slugify, slugSchema } from "./schemas";

/** The first path segments the app serves itself: an organization with one as its slug would lose its pages to them. */
function topLevelRoutes(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith("["))
    .flatMap((entry) => (entry.name.startsWith("(") ? topLevelRoutes(path.join(dir, entry.name)) : [entry.name]));
}

describe("organization slugs", () => {
  const routes = topLevelRoutes(path.join(__dirname, "../../app"));

  it("finds the app's own top-level routes", () => {
    expect(routes).toEqual(expect.arrayContaining(["api", "login", "invite", "setup"]));
  });

  it.each(routes)("never give an organization the app's own route /%s", (route) => {
    expect(slugSchema.safeParse(route).success).toBe(false);
    expect(slugify(route)).not.toBe(route);
  });
});
