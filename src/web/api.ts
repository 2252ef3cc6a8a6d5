import type { FieldError } from "../shared/errors.js";

/**
 * The one way the browser talks to the Vigil API: same origin, session cookie, the CSRF
 * token on every write, and one error shape. A 401 anywhere (except the sign-in form
 * itself) sends the person back to the sign-in page.
 */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    /** Already translated by the server; empty when the server could not be reached. */
    readonly userMessage: string,
    readonly requestId: string | null,
    readonly fields: FieldError[] = [],
  ) {
    super(`${status} ${code}`);
    this.name = "ApiError";
  }

  /** The message for one request field, e.g. `email` matches `body.email`. */
  fieldMessage(name: string): string | undefined {
    const hit = this.fields.find((f) => f.field === name || f.field === `body.${name}` || f.field === `query.${name}`);
    return hit?.message;
  }
}

let csrfToken: string | null = null;
let unauthenticatedHandler: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when the server answers 401 to a signed-in request (session expired or ended elsewhere). */
export function onUnauthenticated(handler: (() => void) | null): void {
  unauthenticatedHandler = handler;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === "") continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

interface RequestOptions {
  signal?: AbortSignal;
  /** Do not treat a 401 as an ended session (the sign-in form and the first session probe). */
  expect401?: boolean;
}

type Method = "GET" | "POST" | "PATCH" | "DELETE";

async function request<T>(method: Method, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET" && csrfToken) headers["X-CSRF-Token"] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: "same-origin",
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: options.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === "AbortError") throw err;
    throw new ApiError(0, "unavailable", "", null);
  }
  if (response.status === 204) return undefined as T;
  const payload: unknown = await response.json().catch(() => null);
  if (response.ok) return payload as T;
  const error = (payload as { error?: { code?: string; message?: string; requestId?: string; fields?: FieldError[] } } | null)?.error;
  const apiError = new ApiError(
    response.status,
    error?.code ?? (response.status === 401 ? "unauthenticated" : "internal"),
    error?.message ?? "",
    error?.requestId ?? response.headers.get("x-request-id"),
    error?.fields ?? [],
  );
  if (response.status === 401 && !options.expect401) unauthenticatedHandler?.();
  throw apiError;
}

export const api = {
  get: <T>(path: string, query?: Query, options?: RequestOptions) => request<T>("GET", withQuery(path, query), undefined, options),
  post: <T>(path: string, body: unknown = {}, options?: RequestOptions) => request<T>("POST", path, body, options),
  patch: <T>(path: string, body: unknown, options?: RequestOptions) => request<T>("PATCH", path, body, options),
  delete: <T = void>(path: string, options?: RequestOptions) => request<T>("DELETE", path, undefined, options),
};

export function isAbort(err: unknown): boolean {
  return err instanceof DOMException && err.name === "AbortError";
}
