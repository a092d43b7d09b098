import http from "node:http";
import https from "node:https";
import { canonicalJson, signatureHeader } from "./sign-request";

export type AppResponse = { status: number; headers: http.IncomingHttpHeaders; body: string };

/**
 * Signed calls to the functions' endpoint over kept-alive connections (one socket per worker).
 * The body is sent in canonical form, which is what the signature covers.
 */
export function createAppClient(maxSockets: number, timeoutMs: number, signingKey: string) {
  const agents = {
    http: new http.Agent({ keepAlive: true, maxSockets }),
    https: new https.Agent({ keepAlive: true, maxSockets }),
  };

  function request(
    method: "POST" | "PUT",
    url: string,
    payload: unknown,
    headers: Record<string, string> = {},
  ): Promise<AppResponse> {
    const body = canonicalJson(payload);
    return new Promise((resolve, reject) => {
      const secure = url.startsWith("https:");
      const req = (secure ? https : http).request(
        url,
        {
          method,
          agent: secure ? agents.https : agents.http,
          timeout: timeoutMs,
          headers: {
            "content-type": "application/json",
            "content-length": Buffer.byteLength(body),
            "x-inngest-signature": signatureHeader(body, signingKey),
            "x-inngest-server-kind": "cloud",
            ...headers,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks).toString("utf8"),
            }),
          );
          res.on("error", reject);
        },
      );
      req.on("timeout", () => req.destroy(new Error(`no reply from the app within ${timeoutMs} ms`)));
      req.on("error", reject);
      req.end(body);
    });
  }

  return { request, close: () => Object.values(agents).forEach((a) => a.destroy()) };
}

export type AppClient = ReturnType<typeof createAppClient>;
