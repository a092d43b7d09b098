import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./safe-callback-path";

describe("safeCallbackPath", () => {
  it.each([
    "/\\evil.com",
    "/%09/evil.com",
    "/%5Cevil.com",
    "/\t/evil.com",
    "//evil.com",
    "/%2F/evil.com",
    "https://evil.com/",
    "javascript:alert(1)",
    "evil.com",
    "/%E0%A4%A",
    "",
    undefined,
  ])("keeps %j home", (input) => expect(safeCallbackPath(input)).toBe("/"));

  it("keeps same-origin paths with their query and fragment", () => {
    expect(safeCallbackPath("/demo-salon/settings/webhooks?tab=log#x")).toBe("/demo-salon/settings/webhooks?tab=log#x");
    expect(safeCallbackPath("/")).toBe("/");
  });
});
