/**
 * The plan's files: the measures workbook (export, dry-run and applied import, error
 * report), frozen snapshots, their report pack (PDF, FR/NL) and XLSX annex, and the
 * difference between two snapshots.
 */
import { z, type OpenAPIHono } from "@hono/zod-openapi";
import { actorOf, inTransaction, type AppContext, type AppEnv } from "../../server/http/context.js";
import { allowedActions } from "../../server/auth/policy.js";
import type { Actor } from "../../server/auth/actor.js";
import { errors, json, jsonBody } from "../../server/http/openapi.js";
import { route } from "../../server/http/route.js";
import { AppError } from "../../shared/errors.js";
import { translator } from "../../shared/i18n/index.js";
import type { Locale } from "../../shared/locale.js";
import { IMPORT_MAX_BYTES } from "../../shared/plan.js";
import {
  DiffQuery,
  FileLangQuery,
  ImportBody,
  ImportQuery,
  ImportResult,
  NewSnapshotBody,
  SnapshotDiff,
  SnapshotSummary,
  pdfResponse,
  xlsxResponse,
} from "./files.schema.js";
import { planOr404 } from "./plan.common.js";
import { IdParam, PlanIdParam } from "./plan.schema.js";
import { reportAnnexXlsx } from "./report-annex.js";
import { reportPdf } from "./report-pdf.js";
import { diffSnapshots, getSnapshot, listSnapshots, takeSnapshot, type SnapshotSummary as Summary } from "./snapshot.service.js";
import { applyImport } from "./xlsx-apply.js";
import { importErrorReportXlsx } from "./xlsx-errors.js";
import { exportMeasuresXlsx, XLSX_TYPE, type FileLang } from "./xlsx-export.js";
import { issueMessage, previewImport, type ImportPreview } from "./xlsx-import.js";
import { fileError, readWorkbook } from "./xlsx-read.js";

const tags = ["plan files"];
const base = "/api/plan";

const exportRoute = route({
  method: "get",
  path: `${base}/plans/{planId}/export.xlsx`,
  tags,
  summary: "The plan's measures as an XLSX workbook that can be edited and imported back",
  description: "Sheet 1: one row per measure, headers in the chosen language; sheet 2 documents each column.",
  access: { resource: "plan", action: "export" },
  request: { params: PlanIdParam, query: FileLangQuery },
  responses: { 200: xlsxResponse("The workbook, as an attachment"), ...errors },
});
const importRoute = route({
  method: "post",
  path: `${base}/plans/{planId}/import`,
  maxBodyBytes: IMPORT_MAX_BYTES + 64 * 1024,
  tags,
  summary: "Import the measures workbook: preview the changes (dry run) or apply them, all or nothing",
  description: "Rows are matched to measures by code; an unknown code creates a measure. Headers may be in French, Dutch or English.",
  access: { resource: "plan", action: "import" },
  request: { params: PlanIdParam, query: ImportQuery, ...ImportBody },
  responses: { 200: json(ImportResult), ...errors, 413: errors[400], 415: errors[400] },
});
const importErrorsRoute = route({
  method: "post",
  path: `${base}/plans/{planId}/import/errors.xlsx`,
  maxBodyBytes: IMPORT_MAX_BYTES + 64 * 1024,
  tags,
  summary: "The uploaded rows with an added column saying what is wrong with each",
  access: { resource: "plan", action: "import" },
  request: { params: PlanIdParam, query: FileLangQuery, ...ImportBody },
  responses: { 200: xlsxResponse("The error report, as an attachment"), ...errors, 413: errors[400], 415: errors[400] },
});
const listRoute = route({
  method: "get",
  path: `${base}/plans/{planId}/snapshots`,
  tags,
  summary: "The plan's frozen snapshots, latest first",
  access: { resource: "plan", action: "read" },
  request: { params: PlanIdParam },
  responses: { 200: json(z.array(SnapshotSummary)), ...errors },
});
const takeRoute = route({
  method: "post",
  path: `${base}/plans/{planId}/snapshots`,
  tags,
  summary: "Freeze the plan as it stands now (version = previous + 1); never changed afterwards",
  access: { resource: "plan", action: "snapshot" },
  request: { params: PlanIdParam, ...jsonBody(NewSnapshotBody) },
  responses: { 201: json(SnapshotSummary, "Created"), ...errors },
});
const reportRoute = route({
  method: "get",
  path: `${base}/snapshots/{id}/report.pdf`,
  tags,
  summary: "The council report pack of a snapshot (PDF, A4, French or Dutch)",
  access: { resource: "plan", action: "export" },
  request: { params: IdParam, query: FileLangQuery },
  responses: { 200: pdfResponse("The report, as an attachment"), ...errors },
});
const annexRoute = route({
  method: "get",
  path: `${base}/snapshots/{id}/annex.xlsx`,
  tags,
  summary: "The XLSX annex of a snapshot's report pack: themes, measures, late milestones, decisions",
  access: { resource: "plan", action: "export" },
  request: { params: IdParam, query: FileLangQuery },
  responses: { 200: xlsxResponse("The annex, as an attachment"), ...errors },
});
const diffRoute = route({
  method: "get",
  path: `${base}/snapshots/{id}/diff`,
  tags,
  summary: "What changed between two snapshots of the same plan (from `against` to this one)",
  access: { resource: "plan", action: "read" },
  request: { params: IdParam, query: DiffQuery },
  responses: { 200: json(SnapshotDiff), ...errors },
});

/** The file's language: asked for, else the caller's (French for English). */
function fileLang(c: AppContext, asked: FileLang | undefined): FileLang {
  return asked ?? (c.get("locale") === "nl" ? "nl" : "fr");
}

const safeName = (name: string) => name.replace(/[^\w.-]+/g, "_");

function attachment(c: AppContext, content: Buffer, type: string, filename: string) {
  c.header("Content-Type", type);
  c.header("Content-Disposition", `attachment; filename="${safeName(filename)}"`);
  c.header("Cache-Control", "private, no-store");
  return c.body(new Uint8Array(content), 200);
}

/** The uploaded workbook, raw or the `file` part of a multipart form. */
async function uploadedBytes(c: AppContext): Promise<Uint8Array> {
  const tooLarge = () => new AppError("payload_too_large", { fields: [{ field: "body.file", key: "planFiles.import.tooLarge", params: { maximum: IMPORT_MAX_BYTES } }] });
  if (/^(multipart\/form-data|application\/x-www-form-urlencoded)/i.test(c.req.header("content-type") ?? "")) {
    const file = (c.req.valid("form" as never) as { file?: unknown }).file;
    if (!(file instanceof File)) throw fileError("fileRequired");
    if (file.size > IMPORT_MAX_BYTES) throw tooLarge();
    return new Uint8Array(await file.arrayBuffer());
  }
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  if (bytes.byteLength > IMPORT_MAX_BYTES) throw tooLarge();
  return bytes;
}

function presentImport(preview: ImportPreview, dryRun: boolean, lang: Locale) {
  const t = translator(lang);
  return {
    dryRun,
    summary: preview.summary,
    changes: preview.changes,
    errors: preview.errors.map((e) => ({ row: e.row, column: e.column, code: e.code, message: issueMessage(t, e) })),
  };
}

function presentSnapshot(actor: Actor, s: Summary) {
  return { ...s, actions: allowedActions(actor, "plan").filter((a) => a === "read" || a === "export") };
}

export function registerFileRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(exportRoute, async (c) => {
    const { planId } = c.req.valid("param");
    const file = await exportMeasuresXlsx(c.get("db"), planId, fileLang(c, c.req.valid("query").lang));
    return attachment(c, file.content, XLSX_TYPE, file.filename);
  });

  app.openapi(importRoute, async (c) => {
    const { planId } = c.req.valid("param");
    const query = c.req.valid("query");
    const lang: Locale = query.lang ?? c.get("locale");
    await planOr404(c.get("db"), planId);
    const sheet = await readWorkbook(await uploadedBytes(c));
    const dryRun = query.dryRun === "true";
    const preview = dryRun
      ? await previewImport(c.get("db"), planId, sheet, lang)
      : await inTransaction(c, (trx, ctx) => applyImport(trx, ctx, planId, sheet, lang));
    return c.json(presentImport(preview, dryRun, lang), 200);
  });

  app.openapi(importErrorsRoute, async (c) => {
    const { planId } = c.req.valid("param");
    const lang = fileLang(c, c.req.valid("query").lang);
    const plan = await planOr404(c.get("db"), planId);
    const sheet = await readWorkbook(await uploadedBytes(c));
    const preview = await previewImport(c.get("db"), planId, sheet, lang);
    const content = await importErrorReportXlsx(sheet, preview.errors, lang);
    return attachment(c, content, XLSX_TYPE, `${plan.code}-${translator(lang)("planFiles.sheet.errors").toLowerCase()}.xlsx`);
  });

  app.openapi(listRoute, async (c) => {
    const rows = await listSnapshots(c.get("db"), c.req.valid("param").planId);
    return c.json(rows.map((s) => presentSnapshot(actorOf(c), s)), 200);
  });

  app.openapi(takeRoute, async (c) => {
    const { planId } = c.req.valid("param");
    const id = await inTransaction(c, (trx, ctx) => takeSnapshot(trx, ctx, planId, c.req.valid("json").title));
    const { data: _data, ...summary } = await getSnapshot(c.get("db"), id);
    return c.json(presentSnapshot(actorOf(c), summary), 201);
  });

  app.openapi(reportRoute, async (c) => {
    const snapshot = await getSnapshot(c.get("db"), c.req.valid("param").id);
    const lang = fileLang(c, c.req.valid("query").lang);
    const content = await reportPdf(snapshot.data, lang);
    return attachment(c, content, "application/pdf", `${snapshot.data.plan.code}-v${snapshot.version}-${lang}.pdf`);
  });

  app.openapi(annexRoute, async (c) => {
    const snapshot = await getSnapshot(c.get("db"), c.req.valid("param").id);
    const lang = fileLang(c, c.req.valid("query").lang);
    const content = await reportAnnexXlsx(snapshot.data, lang);
    return attachment(c, content, XLSX_TYPE, `${snapshot.data.plan.code}-v${snapshot.version}-annex-${lang}.xlsx`);
  });

  app.openapi(diffRoute, async (c) => {
    const to = await getSnapshot(c.get("db"), c.req.valid("param").id);
    const from = await getSnapshot(c.get("db"), c.req.valid("query").against);
    return c.json(diffSnapshots(from, to, c.get("locale")), 200);
  });
}
