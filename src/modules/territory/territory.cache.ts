/**
 * Reference data only changes at seed time, before the server starts, so the territory
 * answers are built once per database handle and served from memory with a strong ETag.
 * Keys are bounded (levels x details x languages x filters): the cache cannot grow without limit.
 */
import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import type { Context } from "hono";
import type { Reader } from "./territory.service.js";

export interface CachedDocument {
  body: string;
  /** The same body gzip-compressed once, for the clients that accept it (every browser). */
  gzip: Uint8Array;
  /** Strong validator, quoted as HTTP wants it. */
  etag: string;
}

const cache = new WeakMap<object, Map<string, Promise<CachedDocument>>>();

/** The document under `key`, built by `build` the first time; failures and empty answers are not kept. */
export function cachedDocument(db: Reader, key: string, build: () => Promise<string>, keep: (body: string) => boolean = () => true): Promise<CachedDocument> {
  let perDb = cache.get(db);
  if (!perDb) cache.set(db, (perDb = new Map()));
  let doc = perDb.get(key);
  if (!doc) {
    doc = build().then((body) => ({
      body,
      gzip: new Uint8Array(gzipSync(body, { level: 9 })),
      etag: `"${createHash("sha256").update(body).digest("base64url").slice(0, 32)}"`,
    }));
    const table = perDb;
    table.set(key, doc);
    doc.then((d) => keep(d.body) || table.delete(key), () => table.delete(key));
  }
  return doc;
}

/** Answers with the document (gzip when accepted), or 304 when the client already holds this version. */
export function sendCached(c: Context, doc: CachedDocument, contentType: string): Response {
  c.header("ETag", doc.etag);
  c.header("Cache-Control", "private, max-age=3600");
  c.header("Vary", "Accept-Encoding");
  const match = c.req.header("if-none-match");
  if (match && match.split(",").some((tag) => tag.trim().replace(/^W\//, "") === doc.etag)) return c.body(null, 304);
  c.header("Content-Type", contentType);
  if (/\bgzip\b/.test(c.req.header("accept-encoding") ?? "")) {
    c.header("Content-Encoding", "gzip");
    return c.body(doc.gzip as Uint8Array<ArrayBuffer>, 200);
  }
  return c.body(doc.body, 200);
}
