// A shell-safe curl command reproducing a request byte for byte (headers and body as sent).
function quote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

// Set by curl itself from the URL and body; repeating them can only make the copy wrong.
const SKIP = new Set(["host", "content-length", "connection"]);

export function curlCommand(request: {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}): string {
  const lines = [`curl -X ${request.method} ${quote(request.url)}`];
  for (const [name, value] of Object.entries(request.headers)) {
    if (!SKIP.has(name.toLowerCase())) lines.push(`  -H ${quote(`${name}: ${value}`)}`);
  }
  lines.push(`  --data-raw ${quote(request.body)}`);
  return lines.join(" \\\n");
}
