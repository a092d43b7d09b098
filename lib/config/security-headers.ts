/**
 * Headers on every response: no framing (clickjacking), no MIME sniffing, no full URLs in
 * Referer to other sites. HSTS is added by the production server when the public URL is https
 * (scripts/next-server.mjs), as next.config's headers are fixed at build time.
 */
export const SECURITY_HEADERS = [
  { key: "Content-Security-Policy", value: "frame-ancestors 'none'" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
];
