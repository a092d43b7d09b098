import { describe, expect, it } from "vitest";
import { plainHttpWarning, publicUrl, servesHttps } from "./public-url";

describe("public URL", () => {
  it("prefers APP_URL, then NEXTAUTH_URL, and says when it is https", () => {
    expect(publicUrl({ APP_URL: "https://app.example/", NEXTAUTH_URL: "http://x" })).toBe("https://app.example");
    expect(servesHttps({ NEXTAUTH_URL: "https://app.example" })).toBe(true);
    expect(servesHttps({ PORT: "4000" })).toBe(false);
  });

  it("warns loudly about plain http only", () => {
    expect(plainHttpWarning({ NEXTAUTH_URL: "http://app.example" })).toContain(
      "WARNING: the public URL http://app.example is plain http",
    );
    expect(plainHttpWarning({ APP_URL: "https://app.example" })).toBeNull();
  });
});
