import type dns from "node:dns";
import { describe, expect, it } from "vitest";
import { checkEndpointUrl, checkUrlSyntax, isPublicAddress, MAX_URL_LENGTH, publicOnlyLookup } from "./url-safety";

describe("isPublicAddress", () => {
  it.each([
    ["0.0.0.0/8", "0.0.0.0", "0.255.1.2"],
    ["10/8", "10.0.0.1", "10.255.255.254"],
    ["100.64/10 (CGNAT)", "100.64.0.1", "100.127.255.254"],
    ["127/8", "127.0.0.1", "127.255.0.9"],
    ["169.254/16 (cloud metadata)", "169.254.169.254", "169.254.0.1"],
    ["172.16/12", "172.16.0.1", "172.31.255.255"],
    ["192.168/16", "192.168.0.1", "192.168.255.255"],
    ["224/4 multicast", "224.0.0.1", "239.255.255.255"],
    ["240/4 reserved", "240.0.0.1", "250.1.2.3"],
    ["broadcast", "255.255.255.255", "255.255.255.255"],
    ["::", "::", "0:0:0:0:0:0:0:0"],
    ["::1", "::1", "0:0:0:0:0:0:0:1"],
    ["fc00::/7", "fc00::1", "fd12:3456::1"],
    ["fe80::/10", "fe80::1", "febf:ffff::1"],
    ["fe80 with zone", "fe80::1%eth0", "fe80::abcd%1"],
    ["ff00::/8", "ff02::1", "ff0e::101"],
    ["IPv4-mapped", "::ffff:127.0.0.1", "::ffff:7f00:1"],
    ["IPv4-mapped private", "::ffff:10.0.0.1", "::FFFF:C0A8:0101"],
    ["IPv4-mapped metadata", "::ffff:169.254.169.254", "0:0:0:0:0:ffff:a9fe:a9fe"],
    ["IPv4-compatible", "::127.0.0.1", "::a00:1"],
    ["NAT64 64:ff9b::/96", "64:ff9b::7f00:1", "64:ff9b::10.1.2.3"],
    ["local-use NAT64 64:ff9b:1::/48", "64:ff9b:1::a00:1", "64:ff9b:1:ffff:ffff::808:808"],
    ["6to4 2002::/16", "2002:7f00:1::", "2002:c0a8:101::1"],
  ])("blocks %s (%s, %s)", (_name, a, b) => {
    expect(isPublicAddress(a)).toBe(false);
    expect(isPublicAddress(b)).toBe(false);
  });

  it.each([
    "93.184.216.34",
    "8.8.8.8",
    "172.32.0.1",
    "100.128.0.1",
    "169.253.255.255",
    "11.0.0.1",
    "2606:4700:4700::1111",
    "2a00:1450:4001:81b::200e",
    "::ffff:8.8.8.8",
    "64:ff9b::808:808",
    "2002:808:808::1",
  ])("allows the public address %s", (ip) => expect(isPublicAddress(ip)).toBe(true));

  it("treats anything that is not an IP address as not public", () => {
    expect(isPublicAddress("example.com")).toBe(false);
    expect(isPublicAddress("")).toBe(false);
  });
});

describe("checkEndpointUrl", () => {
  const strict = { allowInsecure: false };
  const insecure = { allowInsecure: true };

  it.each([
    ["http://example.com/hook", "must use https://"],
    ["ftp://example.com/hook", "must use https://"],
    ["not a url", "Not a valid URL"],
    ["", "Not a valid URL"],
    ["https://", "Not a valid URL"],
    ["https://user:pw@example.com/hook", "user name or password"],
    ["https://token@example.com/hook", "user name or password"],
    [`https://example.com/${"a".repeat(MAX_URL_LENGTH)}`, "at most 2048 characters"],
    ["https://127.0.0.1/hook", "127.0.0.1 is a private or reserved address"],
    ["https://10.0.0.1./hook", "10.0.0.1 is a private"],
    ["https://169.254.169.254/latest/meta-data", "169.254.169.254 is a private"],
    ["https://0/hook", "0.0.0.0 is a private"],
    ["https://[::1]/hook", "::1 is a private"],
    ["https://[::]/hook", ":: is a private"],
    ["https://[fd00::1]/hook", "private or reserved"],
    ["https://[::ffff:127.0.0.1]/hook", "private or reserved"],
    ["https://[64:ff9b::a00:1]/hook", "private or reserved"],
    ["https://[2002:c0a8:101::]/hook", "private or reserved"],
    // Odd notations: WHATWG URL parsing turns them into dotted quads, which are then judged.
    ["https://2130706433/hook", "127.0.0.1 is a private"],
    ["https://0x7f000001/hook", "127.0.0.1 is a private"],
    ["https://0x7f.1/hook", "127.0.0.1 is a private"],
    ["https://0177.0.0.1/hook", "127.0.0.1 is a private"],
    ["https://017700000001/hook", "127.0.0.1 is a private"],
    ["https://127.1/hook", "127.0.0.1 is a private"],
    ["https://0xa9.0xfe.0xa9.0xfe/hook", "169.254.169.254 is a private"],
    ["https://3232235777/hook", "192.168.1.1 is a private"],
    ["https://localhost/hook", "resolves to"],
    ["https://no-such-host.invalid/hook", "could not be resolved"],
  ])("rejects %s, naming the url field", async (url, message) => {
    const result = await checkEndpointUrl(url, strict);
    expect(result).toMatchObject({ ok: false, field: "url" });
    expect(result.ok ? "" : result.message).toContain(message);
  });

  it("rejects http:// in odd notations too, before judging the address", async () => {
    expect(await checkEndpointUrl("http://2130706433/hook", strict)).toMatchObject({
      ok: false,
      message: "URL must use https://",
    });
  });

  it("accepts public https URLs and returns them normalized, without the fragment", async () => {
    expect(await checkEndpointUrl("https://93.184.216.34/hook", strict)).toEqual({
      ok: true,
      url: "https://93.184.216.34/hook",
    });
    expect(await checkEndpointUrl("  https://93.184.216.34:8443/a/b?x=1#frag ", strict)).toEqual({
      ok: true,
      url: "https://93.184.216.34:8443/a/b?x=1",
    });
    expect(await checkEndpointUrl("https://[2606:4700:4700::1111]/hook", strict)).toMatchObject({ ok: true });
    expect(await checkEndpointUrl("https://1572395042/hook", strict)).toEqual({
      ok: true,
      url: "https://93.184.216.34/hook",
    });
  });

  it("with the development switch, allows http and private addresses, but still no other schemes or credentials", async () => {
    expect(await checkEndpointUrl("http://127.0.0.1:3000/hook", insecure)).toEqual({
      ok: true,
      url: "http://127.0.0.1:3000/hook",
    });
    expect(await checkEndpointUrl("http://localhost:3000/hook", insecure)).toMatchObject({ ok: true });
    expect(await checkEndpointUrl("https://192.168.1.20/hook", insecure)).toMatchObject({ ok: true });
    expect(checkUrlSyntax("ftp://127.0.0.1/hook", insecure)).toMatchObject({
      ok: false,
      message: "URL must use https://",
    });
    expect(checkUrlSyntax("http://a:b@127.0.0.1/hook", insecure)).toMatchObject({ ok: false, field: "url" });
  });
});

describe("publicOnlyLookup (the connect-time check)", () => {
  const lookup = (host: string, options: dns.LookupOptions) =>
    new Promise<{ err: NodeJS.ErrnoException | null; address: string | dns.LookupAddress[] }>((resolve) =>
      publicOnlyLookup(host, options, (err, address) => resolve({ err, address })),
    );

  it("fails with EBLOCKED for a name that resolves to loopback, whether one or all addresses are asked for", async () => {
    for (const options of [{}, { all: true }, { family: 4 }]) {
      const { err } = await lookup("localhost", options);
      expect(err?.code).toBe("EBLOCKED");
      expect(err?.message).toMatch(/localhost resolves to .*private or reserved/);
    }
  });

  it("passes DNS errors through unchanged", async () => {
    const { err } = await lookup("no-such-host.invalid", {});
    expect(err?.code).toMatch(/ENOTFOUND|EAI_AGAIN/);
  });
});
