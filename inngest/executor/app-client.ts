import http from "node:http";

export type AppResponse = { status: number; headers: http.IncomingHttpHeaders; body: string };

/** Calls to the app's serve route over kept-alive loopback connections (one socket per worker). */
export function createAppClient(maxSockets: number, timeoutMs: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets });

  function request(
    method: "POST" | "PUT",
    url: string,
    payload: unknown,
    headers: Record<string, string> = {},
  ): Promise<AppResponse> {
    const body = JSON.stringify(payload);
    return new Promise((resolve, reject) => {
      const req = http.request(
        url,
        {
          method,
          agent,
          timeout: timeoutMs,
          headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), ...headers },
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

  return { request, close: () => agent.destroy() };
}

export type AppClient = ReturnType<typeof createAppClient>;
