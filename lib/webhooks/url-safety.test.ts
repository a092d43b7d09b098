import { describe, expect, it } from "vitest";
import { checkEndpointUrl, checkUrlSyntax, isPublicAddress } from "./url-safety";

describe("isPublicAddress", () => {
  it.each([
    "127.0.0.1", "127.255.0.9", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254", "100.64.0.1",
    "0.0.0.0", "224.0.0.1", "255.255.255.255", "::1", "::", "fc00::1", "fd12:3456::1", "fe80::1", "ff02::1",
    "::ffff:127.0.0.1", "::ffff:7f00:1", "::ffff:10.0.0.1", "64:ff9b::7f00:1", "2002:7f00:1::", "::127.0.0.1",
  ])("blocks %s", (ip) => expect(isPublicAddress(ip)).toBe(false));

  it.each(["93.184.216.34", "8.8.8.8", "172.32.0.1", "2606:4700:4700::1111", "::ffff:8.8.8.8"])("allows %s", (ip) =>
    expect(isPublicAddress(ip)).toBe(true),
  );
});

describe("checkEndpointUrl", () => {
  const strict = { allowInsecure: false };
  it.each([
    ["http://example.com/hook", "https://"],
    ["ftp://example.com/hook", "https://"],
    ["not a url", "not a valid URL"],
    ["https://user:pw@example.com/hook", "user name or password"],
    ["https://127.0.0.1/hook", "private or reserved"],
    ["https://2130706433/hook", "private or reserved"],
    ["https://0x7f.1/hook", "private or reserved"],
    ["https://0177.0.0.1/hook", "private or reserved"],
    ["https://[::ffff:127.0.0.1]/hook", "private or reserved"],
    ["https://169.254.169.254/latest/meta-data", "private or reserved"],
    ["https://localhost/hook", "private or reserved"],
  ])("rejects %s", async (url, message) => {
    const result = await checkEndpointUrl(url, strict);
    expect(result.ok).toBe(false);
    expect(result.ok ? "" : result.message).toContain(message);
  });

  it("accepts public https URLs by IP without DNS, and http or private ones only with the development switch", async () => {
    expect(await checkEndpointUrl("https://93.184.216.34/hook", strict)).toEqual({ ok: true, url: "https://93.184.216.34/hook" });
    expect(checkUrlSyntax("http://127.0.0.1:3000/hook", { allowInsecure: true }).ok).toBe(true);
    expect(checkUrlSyntax("ftp://127.0.0.1/hook", { allowInsecure: true }).ok).toBe(false);
  });
});
