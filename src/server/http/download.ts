/**
 * File downloads over HTTP, one way for every module: the `Content-Disposition` header (an
 * ASCII fallback name and the exact UTF-8 one, RFC 6266), the OpenAPI description of a file
 * answer, and the answer itself (not cached by shared caches: most downloads hold data only
 * the caller may see).
 */
import { z } from "@hono/zod-openapi";
import type { AppContext } from "./context.js";

/**
 * `Content-Disposition` for a download: the name as is when it is plain ASCII, otherwise an
 * ASCII fallback name and the exact UTF-8 one (RFC 6266).
 */
export function attachmentHeader(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, "_");
  if (ascii === filename) return `attachment; filename="${filename}"`;
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/** The OpenAPI answer of a route that sends a file of one of these content types. */
export function fileResponse(types: readonly string[], description = "The file, as an attachment") {
  return {
    description,
    content: Object.fromEntries(types.map((type) => [type, { schema: z.string().openapi({ type: "string", format: "binary" }) }])),
  };
}

/** Sets the download headers (name, type, `private, no-store`); the caller sends the body. */
export function asDownload(c: AppContext, filename: string, contentType: string): void {
  c.header("Content-Type", contentType);
  c.header("Content-Disposition", attachmentHeader(filename));
  c.header("Cache-Control", "private, no-store");
}

/** Answers 200 with a file as an attachment. */
export function download(c: AppContext, file: { body: Uint8Array; filename: string; contentType: string }) {
  asDownload(c, file.filename, file.contentType);
  return c.body(new Uint8Array(file.body), 200);
}
