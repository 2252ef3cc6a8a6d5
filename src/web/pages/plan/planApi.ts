import type { FieldError } from "../../../shared/errors.js";
import { ApiError, api } from "../../api.js";

/**
 * What the shared JSON client (api.ts) does not cover and the plan pages need: PUT of a
 * whole document, multipart uploads, spreadsheet bodies and binary answers (XLSX, PDF).
 * Same origin, the session cookie, the CSRF token on every write and the same error shape.
 */

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

interface RawOptions {
  csrfToken: string | null;
  body?: BodyInit;
  contentType?: string;
  accept?: string;
}

async function toApiError(response: Response): Promise<ApiError> {
  const payload: unknown = await response.json().catch(() => null);
  const error = (payload as { error?: { code?: string; message?: string; requestId?: string; fields?: FieldError[] } } | null)?.error;
  if (response.status === 401) {
    // Let the shared client notice the ended session (it sends the person back to sign in).
    void api.get("/api/session").catch(() => undefined);
  }
  return new ApiError(
    response.status,
    error?.code ?? (response.status === 401 ? "unauthenticated" : "internal"),
    error?.message ?? "",
    error?.requestId ?? response.headers.get("x-request-id"),
    error?.fields ?? [],
  );
}

async function raw(method: Method, path: string, options: RawOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: options.accept ?? "application/json" };
  if (options.contentType) headers["Content-Type"] = options.contentType;
  if (method !== "GET" && options.csrfToken) headers["X-CSRF-Token"] = options.csrfToken;
  let response: Response;
  try {
    response = await fetch(path, { method, headers, credentials: "same-origin", body: options.body });
  } catch {
    throw new ApiError(0, "unavailable", "", null);
  }
  if (!response.ok) throw await toApiError(response);
  return response;
}

/** A JSON request with any method (PUT included). */
export async function sendJson<T>(csrfToken: string | null, method: Method, path: string, body?: unknown): Promise<T> {
  const response = await raw(method, path, {
    csrfToken,
    ...(body === undefined ? {} : { body: JSON.stringify(body), contentType: "application/json" }),
  });
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** A multipart upload of one file under `field` (the browser sets the boundary). */
export async function uploadFile<T>(csrfToken: string | null, path: string, file: File, field = "file"): Promise<T> {
  const form = new FormData();
  form.append(field, file, file.name);
  const response = await raw("POST", path, { csrfToken, body: form });
  return (await response.json()) as T;
}

/** A POST whose answer is a file (the import error report): the blob and its suggested name. */
export async function postForFile(csrfToken: string | null, path: string, file: File, fallbackName: string): Promise<{ blob: Blob; filename: string }> {
  const form = new FormData();
  form.append("file", file, file.name);
  const response = await raw("POST", path, { csrfToken, body: form, accept: "*/*" });
  return { blob: await response.blob(), filename: filenameOf(response.headers.get("content-disposition")) ?? fallbackName };
}

/** The file name of a Content-Disposition header (RFC 6266 `filename*` first). */
export function filenameOf(header: string | null): string | null {
  if (!header) return null;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // malformed: fall back to the plain name
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(header);
  return plain?.[1]?.trim() || null;
}

/** Saves a blob under a name through a temporary link (the browser's download). */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.style.display = "none";
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
