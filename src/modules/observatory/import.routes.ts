/**
 * The observatory's batches and imports: list the imported batches; import a CSV or XLSX
 * file sent as the raw body (all or nothing; a dry run checks without storing).
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { z, type OpenAPIHono } from "@hono/zod-openapi";
import { actorOf, type AppEnv } from "../../server/http/context.js";
import { errors, json } from "../../server/http/openapi.js";
import { route } from "../../server/http/route.js";
import { AppError } from "../../shared/errors.js";
import { importObservatoryFile } from "./import/import.service.js";
import type { FileFormat } from "./import/sources.js";
import { presentBatch } from "./observatory.presenter.js";
import { Batch, ImportAnswer, ImportBody, ImportQuery, XLSX_CONTENT_TYPE } from "./observatory.schema.js";

const tags = ["observatory"];
const base = "/api/observatory";
/** Largest file accepted by POST /imports. */
export const OBSERVATORY_IMPORT_MAX_BYTES = 50 * 1024 * 1024;
/** Row errors returned with a refused import. */
export const IMPORT_ERRORS_SHOWN = 100;

const batchesRoute = route({
  method: "get",
  path: `${base}/batches`,
  tags,
  summary: "The imported batches, latest first",
  access: { resource: "observatory", action: "analyse" },
  responses: { 200: json(z.array(Batch)), ...errors },
});
const importRoute = route({
  method: "post",
  path: `${base}/imports`,
  maxBodyBytes: OBSERVATORY_IMPORT_MAX_BYTES,
  tags,
  summary: "Import registered crime (aggregated monthly counts or individual facts) from a CSV or XLSX file sent as the raw body",
  description:
    "All or nothing: any bad row refuses the whole file (400, the first 100 row errors as `fields`, named `body.row.<n>.<column>`). " +
    "Importing the same batch again (source, grain, period) replaces it.",
  access: { resource: "observatory", action: "import" },
  request: { query: ImportQuery, ...ImportBody },
  responses: { 200: json(ImportAnswer), ...errors, 413: errors[400], 415: errors[400] },
});

function formatOf(contentType: string | undefined): FileFormat {
  const type = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  if (type === "text/csv" || type === "application/csv") return "csv";
  if (type === XLSX_CONTENT_TYPE) return "xlsx";
  throw new AppError("unsupported_media_type", { detail: `observatory import: content type ${type || "(none)"}` });
}

export function registerImportRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(batchesRoute, async (c) => {
    const rows = await c.get("db").selectFrom("observatory_batches").selectAll().orderBy("imported_at", "desc").orderBy("id", "desc").execute();
    return c.json(rows.map(presentBatch), 200);
  });

  app.openapi(importRoute, async (c) => {
    const query = c.req.valid("query");
    const format = formatOf(c.req.header("content-type"));
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    if (bytes.byteLength === 0) throw new AppError("validation_failed", { fields: [{ field: "body.file", key: "validation.required" }] });
    const dir = await mkdtemp(join(tmpdir(), "vigil-observatory-"));
    try {
      const file = join(dir, `upload.${format}`);
      await writeFile(file, bytes);
      const result = await importObservatoryFile(c.get("db"), {
        file,
        format,
        grain: query.grain,
        source: query.source,
        filename: `upload.${format}`,
        importedBy: actorOf(c).userId,
        dryRun: query.dryRun === "true",
        maxErrors: IMPORT_ERRORS_SHOWN,
      });
      if (!result.ok) {
        throw new AppError("validation_failed", {
          params: { errors: result.errorCount },
          detail: `observatory import refused: ${result.errorCount} row error(s)`,
          fields: result.errors.slice(0, IMPORT_ERRORS_SHOWN).map((e) => ({
            field: e.row === 0 ? `body.file.${e.column}` : `body.row.${e.row}.${e.column}`,
            key: e.key,
            params: { row: e.row, column: e.column, value: e.value },
          })),
        });
      }
      return c.json(
        {
          dryRun: result.dryRun,
          rows: result.rows,
          batch: { id: result.batchId, key: result.batchKey, periodStart: result.periodStart, periodEnd: result.periodEnd, sha256: result.sha256, replaced: result.replaced },
        },
        200,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
}
