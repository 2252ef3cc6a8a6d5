/**
 * The observatory's batches and imports: list the imported batches; import a CSV or XLSX
 * file sent as the raw body (all or nothing; a dry run checks without storing), either in
 * the request (POST /imports) or as a job whose progress, result and row errors are read
 * while it runs (POST /imports/jobs, for the web app; import-jobs.ts).
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { z, type OpenAPIHono } from "@hono/zod-openapi";
import { actorOf, type AppEnv } from "../../server/http/context.js";
import { errors, json } from "../../server/http/openapi.js";
import { route } from "../../server/http/route.js";
import { AppError, notFound } from "../../shared/errors.js";
import { translator } from "../../shared/i18n/index.js";
import type { Locale } from "../../shared/locale.js";
import { deleteBatch } from "./import/batches.service.js";
import { importObservatoryFile } from "./import/import.service.js";
import type { FileFormat } from "./import/sources.js";
import { importJobsOf, type ImportJob as Job, type ImportJobs } from "./import-jobs.js";
import { BatchIdParam, DeletedBatchAnswer, ImportJob, ImportJobQuery, JobIdParam } from "./import-jobs.schema.js";
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
const deleteBatchRoute = route({
  method: "delete",
  path: `${base}/batches/{id}`,
  tags,
  summary: "Delete an imported batch and all its rows (audited); 409 while a published annual report counts it",
  access: { resource: "observatory", action: "import" },
  request: { params: BatchIdParam },
  responses: { 200: json(DeletedBatchAnswer), ...errors },
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

const jobStartRoute = route({
  method: "post",
  path: `${base}/imports/jobs`,
  maxBodyBytes: OBSERVATORY_IMPORT_MAX_BYTES,
  tags,
  summary: "Start an import job: the file (raw body, as POST /imports) is received, then checked or stored in the background",
  description:
    "Answers 202 with the job once the file is received; read its progress with GET /imports/jobs/{id}. " +
    "One running job per user (409 otherwise). Jobs live in the server's memory for an hour after they finish and are lost on restart.",
  access: { resource: "observatory", action: "import" },
  request: { query: ImportJobQuery, ...ImportBody },
  responses: { 202: json(ImportJob, "Accepted: the file is received, the job runs"), ...errors, 409: errors[400], 413: errors[400], 415: errors[400] },
});
const jobRoute = route({
  method: "get",
  path: `${base}/imports/jobs/{id}`,
  tags,
  summary: "An import job: phase, progress, result or row errors",
  description: "Only the user who started it (or an agency admin) reads it; 404 for anyone else, and once it expired.",
  access: { resource: "observatory", action: "import" },
  request: { params: JobIdParam },
  responses: { 200: json(ImportJob), ...errors },
});
const jobErrorsRoute = route({
  method: "get",
  path: `${base}/imports/jobs/{id}/errors.csv`,
  tags,
  summary: "The row-level error report of a failed import job (CSV `;`, UTF-8 with BOM, messages in fr, nl and en)",
  description: "Columns `row;column;value;message_fr;message_nl;message_en`; a last line counts the errors not listed. 404 unless the job failed on row errors.",
  access: { resource: "observatory", action: "import" },
  request: { params: JobIdParam },
  responses: { 200: { description: "The report, as an attachment", content: { "text/csv": { schema: z.string() } } }, ...errors },
});

function formatOf(contentType: string | undefined): FileFormat {
  const type = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  if (type === "text/csv" || type === "application/csv") return "csv";
  if (type === XLSX_CONTENT_TYPE) return "xlsx";
  throw new AppError("unsupported_media_type", { detail: `observatory import: content type ${type || "(none)"}` });
}

const requestBody = (request: Request) => (request.body ? Readable.fromWeb(request.body as WebReadableStream<Uint8Array>) : null);
const declaredSize = (header: string | undefined) => (header && /^\d+$/.test(header) ? Number(header) : null);

/** A job as the API shows it: row error messages in the caller's language. */
function presentJob(jobs: ImportJobs, job: Job, locale: Locale) {
  const t = translator(locale);
  const { input, result } = job;
  const expiresAt = jobs.expiresAt(job);
  return {
    id: job.id,
    phase: job.phase,
    dryRun: input.dryRun,
    grain: input.grain,
    source: input.source,
    filename: input.filename,
    progress: {
      rows: job.rows,
      bytesRead: job.bytesRead,
      totalBytes: job.totalBytes,
      percent: job.phase === "done" ? 100 : job.totalBytes ? Math.min(100, Math.floor((100 * job.bytesRead) / job.totalBytes)) : null,
    },
    startedAt: job.startedAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
    expiresAt: expiresAt?.toISOString() ?? null,
    result: result && {
      dryRun: input.dryRun,
      rows: result.rows,
      batch: { id: result.batchId, key: result.batchKey, periodStart: result.periodStart, periodEnd: result.periodEnd, sha256: result.sha256, replaced: result.replaced },
    },
    errors: job.reportPath
      ? {
          count: job.errorCount,
          shown: job.errors.map((e) => ({ ...e, message: t(e.key, { ...e.params, row: e.row, column: e.column, value: e.value }) })),
          report: `${base}/imports/jobs/${job.id}/errors.csv`,
        }
      : null,
    crashed: job.crashed,
  };
}

export function registerImportRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(batchesRoute, async (c) => {
    const rows = await c.get("db").selectFrom("observatory_batches").selectAll().orderBy("imported_at", "desc").orderBy("id", "desc").execute();
    return c.json(rows.map(presentBatch), 200);
  });

  app.openapi(deleteBatchRoute, async (c) => {
    const { id } = c.req.valid("param");
    return c.json(await deleteBatch(c.get("db"), { actor: actorOf(c), requestId: c.get("requestId") }, id), 200);
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
            params: { ...e.params, row: e.row, column: e.column, value: e.value },
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

  app.openapi(jobStartRoute, async (c) => {
    const query = c.req.valid("query");
    const format = formatOf(c.req.header("content-type"));
    const actor = actorOf(c);
    const jobs = importJobsOf(c.get("db"));
    const job = await jobs.submit(
      actor,
      { grain: query.grain, source: query.source, dryRun: query.dryRun === "true", format, filename: query.filename ?? `upload.${format}`, importedBy: actor.userId },
      { body: requestBody(c.req.raw), declaredBytes: declaredSize(c.req.header("content-length")), maxBytes: OBSERVATORY_IMPORT_MAX_BYTES },
      c.get("log"),
    );
    c.header("Location", `${base}/imports/jobs/${job.id}`);
    return c.json(presentJob(jobs, job, c.get("locale")), 202);
  });

  app.openapi(jobRoute, async (c) => {
    const { id } = c.req.valid("param");
    const jobs = importJobsOf(c.get("db"));
    const job = jobs.find(id, actorOf(c));
    if (!job) throw notFound("import_job", id);
    return c.json(presentJob(jobs, job, c.get("locale")), 200);
  });

  app.openapi(jobErrorsRoute, async (c) => {
    const { id } = c.req.valid("param");
    const job = importJobsOf(c.get("db")).find(id, actorOf(c));
    if (!job?.reportPath) throw notFound("import_job", id);
    const report = await readFile(job.reportPath);
    c.header("Content-Type", "text/csv; charset=utf-8");
    c.header("Content-Disposition", `attachment; filename="vigil-import-errors-${job.id.slice(0, 8)}.csv"`);
    c.header("Cache-Control", "private, no-store");
    return c.body(new Uint8Array(report), 200);
  });
}
