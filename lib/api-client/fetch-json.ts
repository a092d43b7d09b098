// Browser fetch for /api/v1: sends the organization header (also our CSRF guard) and turns
// the API's error envelope into an ApiError the UI can show as is.
export type ErrorDetail = { field: string; message: string };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
  }
}

type Options = { method?: string; body?: unknown; query?: Record<string, string | number | undefined> };

export async function fetchJson<T>(
  org: string,
  path: string,
  { method = "GET", body, query }: Options = {},
): Promise<T> {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== "") params.set(k, String(v));
  const qs = params.size ? `?${params}` : "";
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}${qs}`, {
      method,
      headers: { "X-Empfio-Organization": org, ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "same-origin",
    });
  } catch {
    throw new ApiError(0, "network_error", "Could not reach Empfio. Check your connection and try again.");
  }
  if (res.status === 204) return undefined as T;
  const json: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const err = (json as { error?: { code?: string; message?: string; details?: ErrorDetail[] } } | null)?.error;
    const fallback =
      res.status >= 500
        ? `Empfio had a problem on its side (${res.status}). Try again in a moment.`
        : `Request failed (${res.status}).`;
    throw new ApiError(res.status, err?.code ?? "http_error", err?.message ?? fallback, err?.details ?? []);
  }
  return json as T;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : "Something went wrong.";
}
