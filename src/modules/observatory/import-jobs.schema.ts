/**
 * Request and response schemas of the observatory's import jobs (web imports with progress):
 * start a job with the file as the raw body, read its progress, result or row errors.
 */
import { z } from "@hono/zod-openapi";
import { pathIdSchema } from "../../server/http/openapi.js";
import { jobPhases } from "./import-jobs.js";
import { ImportAnswer, ImportQuery } from "./observatory.schema.js";

export const ImportJobQuery = ImportQuery.extend({
  filename: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .openapi({ description: "The file's name as the sender knows it, recorded with the batch (default `upload.csv` or `upload.xlsx`)" }),
});

export const JobIdParam = z.object({
  id: z.string().min(1).max(64).openapi({ param: { name: "id", in: "path" }, example: "7f0c7c55-4d5e-4a39-9a4b-2f4f2b0a2d11" }),
});

const JobRowError = z.object({
  row: z.number().int().openapi({ description: "As a spreadsheet numbers it (header = 1); 0 for the file as a whole" }),
  column: z.string(),
  value: z.string(),
  key: z.string().openapi({ description: "Translation key, `observatoryImport.error.*`" }),
  params: z.record(z.string(), z.string()).optional().openapi({ description: "More values the message names (e.g. the overlapping batch)" }),
  message: z.string().openapi({ description: "In the caller's language" }),
});

export const ImportJob = z
  .object({
    id: z.string(),
    phase: z.enum(jobPhases).openapi({ description: "uploading, then checking (dry run) or storing (checked and stored in one pass, all or nothing), then done or failed" }),
    dryRun: z.boolean(),
    grain: z.string(),
    source: z.string(),
    filename: z.string(),
    progress: z.object({
      rows: z.number().int().openapi({ description: "Data rows read so far" }),
      bytesRead: z.number().int(),
      totalBytes: z.number().int().nullable(),
      percent: z.number().int().nullable().openapi({ description: "Of the bytes, 0-100; null when the size is unknown" }),
    }),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
    expiresAt: z.string().nullable().openapi({ description: "When the finished job and its error report are forgotten" }),
    result: ImportAnswer.nullable().openapi({ description: "When done" }),
    errors: z
      .object({
        count: z.number().int().openapi({ description: "Every row error found" }),
        shown: z.array(JobRowError).openapi({ description: "The first 1,000, in file order" }),
        report: z.string().openapi({ description: "Address of the error report (CSV, messages in fr, nl and en)" }),
      })
      .nullable()
      .openapi({ description: "When failed on row errors" }),
    crashed: z.boolean().openapi({ description: "Failed without row errors (an unexpected error, logged)" }),
  })
  .openapi("ObservatoryImportJob");

/** DELETE /batches/{id}: the batch id, and what was deleted. */
export const BatchIdParam = z.object({ id: pathIdSchema("id") });
export const DeletedBatchAnswer = z
  .object({
    id: z.number().int(),
    batchKey: z.string(),
    source: z.string(),
    grain: z.string(),
    periodStart: z.string(),
    periodEnd: z.string(),
    isSynthetic: z.boolean(),
    rows: z.number().int().openapi({ description: "Rows deleted with the batch" }),
  })
  .openapi("ObservatoryDeletedBatch");
